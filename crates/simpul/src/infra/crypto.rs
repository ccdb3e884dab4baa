//! Random secrets, hashes of secrets, and password hashing (Argon2id, off the async threads).

use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher as _, PasswordVerifier as _, Version,
    password_hash::SaltString,
};
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// A URL-safe random secret of `bytes` random bytes.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the operating system's random source failed");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

/// Hex SHA-256 of a secret: what is stored for session ids, reset links and API tokens.
pub fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

/// Hex SHA-256 of bytes (content hashes, ETags).
pub fn sha256_hex_bytes(b: &[u8]) -> String {
    hex::encode(Sha256::digest(b))
}

/// Constant-time comparison for secrets.
pub fn secure_eq(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

fn new_salt() -> SaltString {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system's random source failed");
    SaltString::encode_b64(&bytes).expect("16 bytes is a valid salt")
}

/// Argon2id parameters. `Strong` follows OWASP (19 MiB, 2 passes); `Fast` is for tests only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashStrength {
    Strong,
    Fast,
}

fn argon(strength: HashStrength) -> Argon2<'static> {
    let params = match strength {
        HashStrength::Strong => Params::new(19 * 1024, 2, 1, None),
        HashStrength::Fast => Params::new(256, 1, 1, None),
    }
    .expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// At most one Argon2 computation per core at a time: each takes 19 MiB and a few tens of
/// milliseconds, so a burst of sign-ins queues instead of exhausting memory.
fn hashing_permits() -> &'static tokio::sync::Semaphore {
    static S: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    S.get_or_init(|| tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get())))
}

/// Hashes a password on a blocking thread.
pub async fn hash_password(password: String, strength: HashStrength) -> anyhow::Result<String> {
    let _permit = hashing_permits().acquire().await?;
    tokio::task::spawn_blocking(move || {
        let salt = new_salt();
        argon(strength)
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("{e}"))
    })
    .await?
}

/// Verifies a password on a blocking thread. `None` hash (no password set) never matches, but
/// still costs one hash so timing does not reveal whether the account exists.
pub async fn verify_password(password: String, hash: Option<String>, strength: HashStrength) -> bool {
    let Ok(_permit) = hashing_permits().acquire().await else { return false };
    tokio::task::spawn_blocking(move || {
        let a = argon(strength);
        match hash.as_deref().and_then(|h| PasswordHash::new(h).ok()) {
            Some(parsed) => a.verify_password(password.as_bytes(), &parsed).is_ok(),
            None => {
                let salt = new_salt();
                let _ = a.hash_password(password.as_bytes(), &salt);
                false
            }
        }
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passwords_verify() {
        let h = hash_password("kuda-lumping".into(), HashStrength::Fast).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("kuda-lumping".into(), Some(h.clone()), HashStrength::Fast).await);
        assert!(!verify_password("kuda-lumpin".into(), Some(h), HashStrength::Fast).await);
        assert!(!verify_password("x".into(), None, HashStrength::Fast).await);
    }

    #[test]
    fn tokens_are_random_and_hashes_stable() {
        assert_ne!(random_token(32), random_token(32));
        assert_eq!(random_token(32).len(), 43);
        assert_eq!(sha256_hex("abc").len(), 64);
        assert!(secure_eq("abc", "abc") && !secure_eq("abc", "abd") && !secure_eq("a", "ab"));
    }
}
