//! Files (uploaded media, attachments, certificates, materials, the site's logo) through
//! `object_store`: a folder in the data directory by default; an S3-compatible bucket
//! (`--object-store s3://bucket/prefix`) is how several nodes share them.

use std::{path::Path, sync::Arc, time::Duration};

use axum::body::Bytes;
use http_body_util::BodyExt;
use hyper_util::{client::legacy::Client, rt::TokioExecutor};
use object_store::{
    ObjectStore, ObjectStoreExt, PutPayload,
    aws::AmazonS3Builder,
    client::{
        ClientOptions, HttpClient, HttpConnector, HttpError, HttpErrorKind, HttpRequest, HttpRequestBody, HttpResponse,
        HttpResponseBody, HttpService,
    },
    local::LocalFileSystem,
    memory::InMemory,
    path::Path as StorePath,
    prefix::PrefixStore,
};

/// Where files are kept.
#[derive(Clone)]
pub struct Storage(Arc<dyn ObjectStore>);

impl Storage {
    /// A folder on this machine (created if missing).
    pub fn local(dir: &Path) -> anyhow::Result<Storage> {
        std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
        Ok(Storage(Arc::new(LocalFileSystem::new_with_prefix(dir)?)))
    }

    /// Kept in memory only (tests).
    pub fn memory() -> Storage {
        Storage(Arc::new(InMemory::new()))
    }

    /// The store a location names: `s3://bucket[/prefix]` (credentials, region and endpoint
    /// from the standard `AWS_*` variables: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
    /// `AWS_REGION`, `AWS_ENDPOINT_URL`, `AWS_ALLOW_HTTP` for a local endpoint), or
    /// `file:///path` and a plain path for a folder.
    pub fn open(location: &str) -> anyhow::Result<Storage> {
        if let Some(rest) = location.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            anyhow::ensure!(!bucket.is_empty(), "--object-store s3:// needs a bucket name: s3://BUCKET[/prefix]");
            let s3 = AmazonS3Builder::from_env()
                .with_bucket_name(bucket)
                .with_http_connector(Hyper)
                .build()
                .map_err(|e| anyhow::anyhow!("object store {location}: {e}"))?;
            let prefix = prefix.trim_matches('/');
            return Ok(if prefix.is_empty() {
                Storage(Arc::new(s3))
            } else {
                Storage(Arc::new(PrefixStore::new(s3, prefix)))
            });
        }
        let dir = match location.strip_prefix("file://") {
            Some(path) => path,
            None if location.contains("://") => {
                anyhow::bail!("--object-store must be s3://BUCKET[/prefix] or a folder (file:///path)")
            }
            None => location,
        };
        anyhow::ensure!(!dir.is_empty(), "--object-store names no folder");
        Storage::local(Path::new(dir))
    }

    /// The store a deployment is set up with: `--object-store` when given, else `media/` in
    /// the data folder.
    pub fn configured(object_store: Option<&str>, data_dir: &Path) -> anyhow::Result<Storage> {
        match object_store.map(str::trim).filter(|s| !s.is_empty()) {
            Some(location) => Storage::open(location),
            None => Storage::local(&data_dir.join("media")),
        }
    }

    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        self.0.put(&StorePath::from(key), PutPayload::from(bytes)).await?;
        Ok(())
    }

    /// Removes an object; a missing one is not an error.
    pub async fn delete(&self, key: &str) -> anyhow::Result<()> {
        match self.0.delete(&StorePath::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Every file in the store: (key, size in bytes, last written, in ms since the epoch),
    /// in no particular order.
    pub async fn list(&self) -> anyhow::Result<Vec<(String, u64, i64)>> {
        use futures_util::TryStreamExt;
        let metas: Vec<object_store::ObjectMeta> = self.0.list(None).try_collect().await?;
        Ok(metas.into_iter().map(|m| (m.location.to_string(), m.size, m.last_modified.timestamp_millis())).collect())
    }

    /// The file's bytes, or `None` when there is no such file.
    pub async fn get(&self, key: &str) -> anyhow::Result<Option<Bytes>> {
        match self.0.get(&StorePath::from(key)).await {
            Ok(r) => Ok(Some(r.bytes().await?)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}

/// Requests to an S3-compatible server through the same hyper client stack as the chat
/// channels (rustls with the Mozilla roots): no second HTTP or TLS library in the binary.
#[derive(Debug, Clone, Copy)]
struct Hyper;

impl HttpConnector for Hyper {
    fn connect(&self, _options: &ClientOptions) -> object_store::Result<HttpClient> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(provider)
            .map_err(|e| object_store::Error::Generic { store: "S3", source: Box::new(e) })?
            .https_or_http()
            .enable_http1()
            .build();
        let client = Client::builder(TokioExecutor::new()).pool_idle_timeout(Duration::from_secs(60)).build(https);
        Ok(HttpClient::new(HyperService(client)))
    }
}

type Https = hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>;

struct HyperService(Client<Https, HttpRequestBody>);

impl std::fmt::Debug for HyperService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HyperService")
    }
}

/// How long one request to the store may take (object_store retries with back-off).
const S3_TIMEOUT: Duration = Duration::from_secs(30);

#[async_trait::async_trait]
impl HttpService for HyperService {
    async fn call(&self, req: HttpRequest) -> Result<HttpResponse, HttpError> {
        let res = tokio::time::timeout(S3_TIMEOUT, self.0.request(req))
            .await
            .map_err(|e| HttpError::new(HttpErrorKind::Timeout, e))?
            .map_err(|e| {
                let kind = if e.is_connect() { HttpErrorKind::Connect } else { HttpErrorKind::Request };
                HttpError::new(kind, e)
            })?;
        let (parts, body) = res.into_parts();
        let body = HttpResponseBody::new(body.map_err(|e| HttpError::new(HttpErrorKind::Decode, e)));
        Ok(HttpResponse::from_parts(parts, body))
    }
}

impl std::fmt::Debug for Storage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Storage({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Storage;

    #[tokio::test]
    async fn put_and_get_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let s = Storage::local(&dir.path().join("media")).unwrap();
        s.put("ab/cd-360.jpg", b"jpeg".to_vec()).await.unwrap();
        assert_eq!(s.get("ab/cd-360.jpg").await.unwrap().unwrap().as_ref(), b"jpeg");
        assert!(s.get("ab/nope.jpg").await.unwrap().is_none());
        assert!(dir.path().join("media/ab/cd-360.jpg").exists());
    }

    #[tokio::test]
    async fn locations_are_read_strictly() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("files");
        let s = Storage::open(&format!("file://{}", folder.display())).unwrap();
        s.put("a.txt", b"x".to_vec()).await.unwrap();
        assert!(folder.join("a.txt").exists());
        assert!(Storage::open(folder.to_str().unwrap()).is_ok());
        for bad in ["s3://", "s3:///prefix", "ftp://host/x", "gs://bucket", "file://"] {
            assert!(Storage::open(bad).is_err(), "{bad}");
        }
        // A bucket is named; credentials are looked up only when a file is read or written.
        assert!(Storage::open("s3://simpul-media/kota-cilegon").is_ok());
    }
}
