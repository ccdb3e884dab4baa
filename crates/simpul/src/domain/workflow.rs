//! The one shape of every workflow (articles, aspirations, rumours on the fact-check desk,
//! training registrations): a `State`, an `Action`, a `Party` who takes it, and one
//! `transition(from, action, party) -> Result<State, Refusal>` in the workflow's module. The
//! service calls it before every change; a test next to it walks every edge.

/// Why a workflow step was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// This party may not take this step.
    #[error("not allowed for this party")]
    Forbidden,
    /// The step does not exist from this state.
    #[error("not possible in this state")]
    WrongState,
}
