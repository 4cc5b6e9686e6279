pub mod anomalies;
pub mod axes;
pub mod budgets;
pub mod fiches;
pub mod indicators;
