//! The terminal: set-up, the event loop, and restoring the terminal on exit and on panic.

use std::io::{Stdout, stdout};
use std::path::PathBuf;
use std::sync::mpsc;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::App;
use crate::ui::{self, Theme};

type Term = Terminal<CrosstermBackend<Stdout>>;

/// Leaves the terminal as it was found. Safe to call twice.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// A panic must not leave the user's terminal in raw mode on the alternate screen:
/// restore it first, then let the default hook print the message.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

fn setup() -> std::io::Result<Term> {
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    Terminal::new(CrosstermBackend::new(stdout()))
}

/// Runs the app until it quits. A signal (SIGTERM, SIGHUP, SIGINT, SIGQUIT) ends it too: the
/// terminal is restored, the session's locks released, the journal left for the next start,
/// and the process exits with 128 + the signal's number, as a shell would report it.
pub fn run(mut app: App, theme: &Theme) -> anyhow::Result<()> {
    install_panic_hook();
    let mut terminal = setup()?;
    let result = event_loop(&mut terminal, &mut app, theme);
    restore();
    app.end_session();
    match result {
        Ok(Some(signal)) => std::process::exit(128 + signal),
        Ok(None) => Ok(()),
        Err(error) => Err(error),
    }
}

/// Watches the directories of the open files (a rename-based save elsewhere replaces the
/// file itself, so the directory is what stays watched) and reports changed `.ron` paths.
fn watch(app: &App, sender: mpsc::Sender<Wake>) -> Option<notify::RecommendedWatcher> {
    use notify::Watcher;
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            for path in event.paths {
                if path.extension().is_some_and(|x| x == "ron") {
                    let _ = sender.send(Wake::FileChanged(path));
                }
            }
        }
    })
    .ok()?;
    let mut directories: Vec<PathBuf> = app
        .documents
        .iter()
        .filter_map(|d| {
            std::path::absolute(&d.path)
                .ok()?
                .parent()
                .map(PathBuf::from)
        })
        .collect();
    directories.sort();
    directories.dedup();
    for directory in directories {
        let _ = watcher.watch(&directory, notify::RecursiveMode::NonRecursive);
    }
    Some(watcher)
}

/// `revue — Bouches-du-Rhône 2019 ●`: the window title says when edits are unsaved.
fn window_title(app: &App) -> String {
    match app.document() {
        Some(doc) => {
            let modified = if app.documents.iter().any(|d| d.is_modified()) {
                " ●"
            } else {
                ""
            };
            let c = &doc.convention;
            let title = format!("revue — {} {}{modified}", c.territory.name, c.period);
            crate::text::sanitize_line(&crate::text::shorten(&title, 200)).into_owned()
        }
        None => "revue".to_string(),
    }
}

/// Everything that wakes the event loop. The loop sleeps until one of these arrives, so an
/// idle app costs no CPU; each source lives on its own thread and only sends.
enum Wake {
    Terminal(Event),
    /// Reading the terminal failed: the terminal is gone.
    TerminalLost,
    FileChanged(PathBuf),
    Signal(i32),
}

/// Reads terminal events on a thread of its own and sends them to the loop.
fn read_terminal(sender: mpsc::Sender<Wake>) {
    std::thread::spawn(move || {
        loop {
            let wake = match event::read() {
                Ok(event) => Wake::Terminal(event),
                Err(_) => Wake::TerminalLost,
            };
            let lost = matches!(wake, Wake::TerminalLost);
            if sender.send(wake).is_err() || lost {
                return;
            }
        }
    });
}

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT end the app like `q` without the question: the
/// terminal is restored and the journal keeps unsaved edits for the next start.
fn read_signals(sender: mpsc::Sender<Wake>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
    else {
        return;
    };
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if sender.send(Wake::Signal(signal)).is_err() {
                return;
            }
        }
    });
}

/// At most this many pending events are handled before the screen is drawn again, so a
/// flood of input (a paste in a terminal without bracketed paste, a held key) is drawn once
/// per batch rather than once per key, and the screen still moves.
const BATCH: usize = 4096;

fn event_loop(terminal: &mut Term, app: &mut App, theme: &Theme) -> anyhow::Result<Option<i32>> {
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    let (sender, receiver) = mpsc::channel();
    let _watcher = watch(app, sender.clone());
    read_signals(sender.clone());
    read_terminal(sender);
    let mut title = String::new();
    let mut signal = None;
    let mut redraw = true;
    while !app.should_quit {
        if redraw {
            terminal.draw(|frame| ui::draw(frame, app, theme))?;
            app.prepare_search();
            let wanted = window_title(app);
            if wanted != title {
                let _ = execute!(stdout(), crossterm::terminal::SetTitle(&wanted));
                title = wanted;
            }
        }
        // Sleep until something happens, then take everything already waiting.
        let Ok(first) = receiver.recv() else { break };
        redraw = false;
        let mut changed: Vec<PathBuf> = Vec::new();
        for wake in std::iter::once(first).chain(receiver.try_iter().take(BATCH)) {
            match wake {
                Wake::Terminal(event) => redraw |= handle_event(app, event),
                Wake::FileChanged(path) => changed.push(path),
                Wake::TerminalLost => app.should_quit = true,
                Wake::Signal(number) => {
                    signal = Some(number);
                    app.should_quit = true;
                }
            }
            if app.should_quit {
                break;
            }
        }
        changed.sort();
        changed.dedup();
        for path in changed {
            redraw |= app.file_changed(&path);
        }
    }
    Ok(signal)
}

/// Hands one terminal event to the app; returns whether the screen may have changed.
fn handle_event(app: &mut App, event: Event) -> bool {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => app.handle_key(&key),
        Event::Mouse(mouse) if mouse.kind == MouseEventKind::Moved => return false,
        Event::Mouse(mouse) => app.handle_mouse(&mouse),
        Event::Paste(text) => app.handle_paste(&text),
        Event::Resize(width, height) => app.resize(width, height),
        Event::FocusGained => {}
        _ => return false,
    }
    true
}
