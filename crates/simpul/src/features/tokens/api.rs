//! Token introspection: lets a client check its token works and see its scope.

use axum::Json;
use serde::Serialize;

use crate::{
    error::{AppError, AppResult},
    web::viewer::Viewer,
};

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TokenInfo {
    pub name: String,
    pub scope: String,
    /// For a personal token: the name of the person it acts for.
    pub acting_for: Option<String>,
}

/// The calling token's name and scope.
#[utoipa::path(get, path = "/api/v1/token", tag = "tokens", security(("bearer" = [])),
    responses((status = 200, description = "The token", body = TokenInfo), (status = 401, description = "Missing, unknown or revoked token")))]
pub async fn show_token(viewer: Viewer) -> AppResult<Json<TokenInfo>> {
    let t = viewer.token.ok_or(AppError::Unauthenticated)?;
    Ok(Json(TokenInfo { name: t.name, scope: t.scope.as_str().to_owned(), acting_for: t.acting_for.map(|o| o.name) }))
}
