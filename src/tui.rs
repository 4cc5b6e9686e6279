//! The terminal: set-up, the event loop, and restoring the terminal on exit and on panic.

use std::io::{Stdout, stdout};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind};
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
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    Terminal::new(CrosstermBackend::new(stdout()))
}

pub fn run(mut app: App, theme: &Theme) -> anyhow::Result<()> {
    install_panic_hook();
    let mut terminal = setup()?;
    let result = event_loop(&mut terminal, &mut app, theme);
    restore();
    result
}

/// Watches the directories of the open files (a rename-based save elsewhere replaces the
/// file itself, so the directory is what stays watched) and reports changed `.ron` paths.
fn watch(app: &App) -> Option<(notify::RecommendedWatcher, mpsc::Receiver<PathBuf>)> {
    use notify::Watcher;
    let (sender, receiver) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            for path in event.paths {
                if path.extension().is_some_and(|x| x == "ron") {
                    let _ = sender.send(path);
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
    Some((watcher, receiver))
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

fn event_loop(terminal: &mut Term, app: &mut App, theme: &Theme) -> anyhow::Result<()> {
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    let watching = watch(app);
    let mut title = String::new();
    while !app.should_quit {
        terminal.draw(|frame| ui::draw(frame, app, theme))?;
        app.prepare_search();
        let wanted = window_title(app);
        if wanted != title {
            let _ = execute!(stdout(), crossterm::terminal::SetTitle(&wanted));
            title = wanted;
        }
        // Wake up now and then to notice files changed on disk.
        if event::poll(Duration::from_millis(250))? {
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => app.handle_key(&key),
                Event::Mouse(mouse) => app.handle_mouse(&mouse),
                Event::Resize(width, height) => app.resize(width, height),
                _ => {}
            }
        }
        if let Some((_, changes)) = &watching {
            let mut changed: Vec<PathBuf> = changes.try_iter().collect();
            changed.sort();
            changed.dedup();
            for path in changed {
                app.file_changed(&path);
            }
        }
    }
    Ok(())
}
