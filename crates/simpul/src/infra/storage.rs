//! Files (uploaded media) through `object_store`: a folder in the data directory by default;
//! an S3-compatible store is the way to share files between several nodes.

use std::{path::Path, sync::Arc};

use axum::body::Bytes;
use object_store::{
    ObjectStore, ObjectStoreExt, PutPayload, local::LocalFileSystem, memory::InMemory, path::Path as StorePath,
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

    /// The file's bytes, or `None` when there is no such file.
    pub async fn get(&self, key: &str) -> anyhow::Result<Option<Bytes>> {
        match self.0.get(&StorePath::from(key)).await {
            Ok(r) => Ok(Some(r.bytes().await?)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
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
}
