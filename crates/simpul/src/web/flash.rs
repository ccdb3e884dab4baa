//! One-time messages after a redirect ("KIM tersimpan", "Anggota masih ada"): a short-lived
//! cookie holding an i18n key, shown on the next page and then cleared.

use axum::{
    http::{HeaderValue, header},
    response::{IntoResponse, Redirect, Response},
};

use crate::{
    app::App,
    error::{AppError, AppResult},
    web::viewer::cookie_for,
};

pub const FLASH_COOKIE: &str = "simpul_flash";

/// A message for the next page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    pub ok: bool,
    /// An i18n key.
    pub key: String,
}

impl Flash {
    pub fn ok(key: &str) -> Flash {
        Flash { ok: true, key: key.to_owned() }
    }

    /// A message saying why something was refused.
    pub fn err(key: &str) -> Flash {
        Flash { ok: false, key: key.to_owned() }
    }

    /// Reads the cookie value (`ok:key` or `err:key`); anything else is ignored.
    pub fn parse(v: &str) -> Option<Flash> {
        let (kind, key) = v.split_once(':')?;
        let key_ok = !key.is_empty()
            && key.len() <= 60
            && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        match kind {
            "ok" if key_ok => Some(Flash { ok: true, key: key.to_owned() }),
            "err" if key_ok => Some(Flash { ok: false, key: key.to_owned() }),
            _ => None,
        }
    }

    fn value(&self) -> String {
        format!("{}:{}", if self.ok { "ok" } else { "err" }, self.key)
    }
}

/// Redirects to `to` with a message for the page there.
pub fn redirect_with(app: &App, to: &str, flash: Flash) -> Response {
    let mut res = Redirect::to(to).into_response();
    if let Ok(v) = HeaderValue::from_str(
        &cookie_for(&app.config, FLASH_COOKIE, flash.value(), cookie::time::Duration::minutes(5)).to_string(),
    ) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// The end of an action from a page: on success go to `to` saying `ok_key`; when the service
/// refused for a reason the person can act on (a conflict, a missing confirmation), go to
/// `back` saying why. Other errors are passed on.
pub fn after(app: &App, result: AppResult<()>, to: &str, ok_key: &str, back: &str) -> AppResult<Response> {
    match result {
        Ok(()) => Ok(redirect_with(app, to, Flash { ok: true, key: ok_key.to_owned() })),
        Err(AppError::Conflict(k) | AppError::BadRequest(k)) => Ok(redirect_with(app, back, Flash::err(k))),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::Flash;

    #[test]
    fn only_well_formed_keys_are_shown() {
        assert_eq!(Flash::parse("ok:flash-saved"), Some(Flash { ok: true, key: "flash-saved".into() }));
        assert_eq!(Flash::parse("err:err-last-admin").map(|f| f.ok), Some(false));
        assert_eq!(Flash::parse("ok:<script>"), None);
        assert_eq!(Flash::parse("maybe:flash-saved"), None);
        assert_eq!(Flash::parse("ok:"), None);
    }
}
