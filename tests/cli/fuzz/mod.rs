//! Fuzz regressions, the committed corpora, and the fuzz properties as proptests.

mod properties;
mod regressions;
