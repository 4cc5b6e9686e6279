//! Reconciliation rules: pure functions over the model.
