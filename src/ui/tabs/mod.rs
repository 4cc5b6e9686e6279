pub mod anomalies;
pub mod axes;
pub mod budgets;
pub mod fiches;
mod grid;
pub mod indicators;
