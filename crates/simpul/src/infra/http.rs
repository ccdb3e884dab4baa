//! Outbound HTTP for the chat channels (WhatsApp Cloud API, Telegram Bot API): JSON posts with
//! a timeout, over TLS with the Mozilla roots. Base addresses are configuration, so tests point
//! them at a local fake server.

use std::{sync::Arc, time::Duration};

use http_body_util::{BodyExt, Full};
use hyper_util::{
    client::legacy::{Client, connect::HttpConnector},
    rt::TokioExecutor,
};

type Https = hyper_rustls::HttpsConnector<HttpConnector>;

/// A shared client (connection pool).
#[derive(Clone)]
pub struct HttpClient {
    client: Client<Https, Full<axum::body::Bytes>>,
}

/// How long one outbound call may take before it is retried later.
const TIMEOUT: Duration = Duration::from_secs(15);
/// The most of an answer that is read (errors are short; nothing we call sends more).
const MAX_ANSWER: usize = 64 * 1024;

impl HttpClient {
    pub fn new() -> anyhow::Result<HttpClient> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(provider)?
            .https_or_http()
            .enable_http1()
            .build();
        let client = Client::builder(TokioExecutor::new()).pool_idle_timeout(Duration::from_secs(60)).build(https);
        Ok(HttpClient { client })
    }

    /// POSTs `body` as JSON; returns the status and (the start of) the answer.
    pub async fn post_json(
        &self,
        url: &str,
        bearer: Option<&str>,
        body: &serde_json::Value,
    ) -> anyhow::Result<(u16, String)> {
        let mut req = axum::http::Request::post(url)
            .header(axum::http::header::CONTENT_TYPE, "application/json")
            .header(axum::http::header::USER_AGENT, concat!("Simpul/", env!("CARGO_PKG_VERSION")));
        if let Some(t) = bearer {
            req = req.header(axum::http::header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let req = req.body(Full::new(axum::body::Bytes::from(serde_json::to_vec(body)?)))?;
        let call = async {
            let res = self.client.request(req).await?;
            let status = res.status().as_u16();
            let limited = http_body_util::Limited::new(res.into_body(), MAX_ANSWER);
            let bytes = limited.collect().await.map_err(|e| anyhow::anyhow!("reading the answer: {e}"))?.to_bytes();
            anyhow::Ok((status, String::from_utf8_lossy(&bytes).into_owned()))
        };
        tokio::time::timeout(TIMEOUT, call).await.map_err(|_| anyhow::anyhow!("no answer within {TIMEOUT:?}"))?
    }
}
