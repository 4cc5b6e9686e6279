//! The terminal: set-up, the event loop, and restoring the terminal on exit and on panic.

use std::io::{Stdout, stdout};

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

fn event_loop(terminal: &mut Term, app: &mut App, theme: &Theme) -> anyhow::Result<()> {
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    while !app.should_quit {
        terminal.draw(|frame| ui::draw(frame, app, theme))?;
        match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => app.handle_key(&key),
            Event::Mouse(mouse) => app.handle_mouse(&mouse),
            Event::Resize(width, height) => app.resize(width, height),
            _ => {}
        }
    }
    Ok(())
}
