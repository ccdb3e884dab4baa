//! "Tugas saya": what waits for a staff member across the capabilities (reports to verify or
//! answer, drafts to review, rumours to check, training sessions to run), which each capability
//! lists through the registry (`Registry::work`). Staff land here after signing in; the main
//! menu shows the count.

mod html;

use crate::web::{Access, Routes};

pub fn routes() -> Routes {
    Routes::new().get("/tugas", Access::SignedIn, html::show_worklist)
}
