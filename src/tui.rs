//! The terminal: set-up, the event loop, and restoring the terminal on exit and on panic.

use std::io::{Stdout, stdout};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::time::Duration;

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
    // A save in flight is waited for, whatever ended the loop (`q`, a signal, the terminal
    // gone): its file is then whole and its result recorded (issue 17).
    app.finish_save();
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
    /// The save's worker thread is done ([`App::finish_save`]).
    SaveDone,
}

/// Lets the main thread stop the terminal reader while another program (the pager of `o`)
/// owns the terminal: a reader left blocked on the terminal would steal that program's keys.
#[derive(Default)]
struct ReaderGate {
    state: Mutex<GateState>,
    changed: Condvar,
}

#[derive(Default)]
struct GateState {
    paused: bool,
    /// The reader has seen `paused` and waits: it reads nothing until resumed.
    parked: bool,
}

impl ReaderGate {
    /// Returns once the reader is parked (or after a second, should it be gone).
    fn pause(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.paused = true;
        let deadline = std::time::Instant::now() + Duration::from_secs(1);
        while !state.parked {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                break;
            }
            state = match self.changed.wait_timeout(state, left) {
                Ok((s, _)) => s,
                Err(e) => e.into_inner().0,
            };
        }
    }

    fn resume(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.paused = false;
        self.changed.notify_all();
    }

    /// Called by the reader between reads: parks while paused.
    fn wait_while_paused(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if !state.paused {
            return;
        }
        state.parked = true;
        self.changed.notify_all();
        while state.paused {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state.parked = false;
    }
}

/// How long the reader waits for input before looking at the gate again: the longest `o`
/// waits before the pager starts, and a wake-up four times a second when idle.
const READER_TICK: Duration = Duration::from_millis(250);

/// Reads terminal events on a thread of its own and sends them to the loop.
fn read_terminal(sender: mpsc::Sender<Wake>, gate: Arc<ReaderGate>) {
    std::thread::spawn(move || {
        loop {
            gate.wait_while_paused();
            match event::poll(READER_TICK) {
                Ok(false) => continue,
                Ok(true) => {}
                Err(_) => {
                    let _ = sender.send(Wake::TerminalLost);
                    return;
                }
            }
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

/// The longest a key waits for the search index being built between events.
const INDEX_STEP: Duration = Duration::from_millis(4);

fn event_loop(terminal: &mut Term, app: &mut App, theme: &Theme) -> anyhow::Result<Option<i32>> {
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    app.build_index_in_steps();
    let (sender, receiver) = mpsc::channel();
    let _watcher = watch(app, sender.clone());
    read_signals(sender.clone());
    let save_done = Mutex::new(sender.clone());
    app.saving.waker = Some(Arc::new(move || {
        let _ = save_done
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .send(Wake::SaveDone);
    }));
    let gate = Arc::new(ReaderGate::default());
    read_terminal(sender, gate.clone());
    let mut title = String::new();
    let mut signal = None;
    let mut redraw = true;
    while !app.should_quit {
        if redraw {
            terminal.draw(|frame| ui::draw(frame, app, theme))?;
            let wanted = window_title(app);
            if wanted != title {
                let _ = execute!(stdout(), crossterm::terminal::SetTitle(&wanted));
                title = wanted;
            }
        }
        // Sleep until something happens, then take everything already waiting. Until the
        // search index is complete, the time between events builds it, a step at a time.
        let first = if app.index_pending() {
            match receiver.try_recv() {
                Ok(wake) => wake,
                Err(mpsc::TryRecvError::Empty) => {
                    redraw = app.index_step(INDEX_STEP);
                    continue;
                }
                Err(mpsc::TryRecvError::Disconnected) => break,
            }
        } else {
            let Ok(first) = receiver.recv() else { break };
            first
        };
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
                Wake::SaveDone => {
                    app.finish_save();
                    redraw = true;
                }
            }
            if app.should_quit {
                break;
            }
        }
        app.show_save_in_flight();
        changed.sort();
        changed.dedup();
        for path in changed {
            redraw |= app.file_changed(&path);
        }
        if let Some(request) = app.review_ui.open.take() {
            run_outside(terminal, app, &gate, &request)?;
            // Ctrl-C or Ctrl-\ typed in the pager reached this process too: not a request to
            // quit the app. Anything else that came meanwhile is handled as usual.
            let waiting: Vec<Wake> = receiver.try_iter().collect();
            for wake in waiting {
                match wake {
                    Wake::Signal(number)
                        if number == signal_hook::consts::SIGINT
                            || number == signal_hook::consts::SIGQUIT => {}
                    Wake::Signal(number) => {
                        signal = Some(number);
                        app.should_quit = true;
                    }
                    Wake::Terminal(event) => {
                        handle_event(app, event);
                    }
                    Wake::FileChanged(path) => {
                        app.file_changed(&path);
                    }
                    Wake::SaveDone => app.finish_save(),
                    Wake::TerminalLost => app.should_quit = true,
                }
            }
            redraw = true;
        }
    }
    Ok(signal)
}

/// `o`: shows the source document at the line in `$PAGER`, else `$EDITOR`, else `less`
/// (`PROGRAM +LINE FILE`, which less, more, vi, nano and emacs understand), the terminal
/// handed over meanwhile and restored after. Problems go to the status line.
fn run_outside(
    terminal: &mut Term,
    app: &mut App,
    gate: &ReaderGate,
    request: &crate::app::review::OpenRequest,
) -> anyhow::Result<()> {
    let s = crate::strings::review(app.lang);
    let shown = |p: &std::path::Path| {
        let absolute = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        crate::text::sanitize_line(&absolute.display().to_string()).into_owned()
    };
    if !request.path.is_file() {
        app.status = Some((
            Some(crate::rules::Severity::Error),
            (s.source_missing)(&shown(&request.path)),
        ));
        return Ok(());
    }
    let program = ["PAGER", "EDITOR"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|p| !p.trim().is_empty()))
        .unwrap_or_else(|| "less".to_string());
    let mut words = program.split_whitespace();
    let mut command = std::process::Command::new(words.next().unwrap_or("less"));
    command.args(words);
    if let Some(line) = request.line {
        command.arg(format!("+{line}"));
    }
    command.arg(&request.path);
    gate.pause();
    restore();
    let status = command.status();
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
    )?;
    // The screen is blank now: a blank frame tells ratatui so, and the next frame is drawn in
    // full. (`Terminal::clear` would ask the terminal where its cursor is, which a terminal
    // that does not answer turns into a failure.)
    terminal.draw(|_| {})?;
    gate.resume();
    match status {
        Ok(status) if status.success() => {}
        Ok(status) => {
            app.status = Some((
                Some(crate::rules::Severity::Warning),
                crate::text::sanitize_line(&(s.open_failed)(&program, &status.to_string()))
                    .into_owned(),
            ))
        }
        Err(error) => {
            app.status = Some((
                Some(crate::rules::Severity::Error),
                crate::text::sanitize_line(&(s.open_failed)(&program, &error.to_string()))
                    .into_owned(),
            ))
        }
    }
    Ok(())
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
