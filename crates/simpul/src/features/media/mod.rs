//! Uploaded images: re-encoded on upload (no EXIF or GPS), stored in several widths, served
//! with long caching. KIM members and editors use them in news.

mod html;
mod repo;
mod service;

pub use repo::{MediaRow, exists, list_by};
pub use service::{file_name, upload};

use crate::{
    domain::access::Permission,
    web::{Access, Routes},
};

pub fn routes() -> Routes {
    let uploaders = Access::Permission(Permission::UploadMedia);
    Routes::new()
        .get("/akun/media", uploaders, html::list_media)
        .post_upload("/akun/media", uploaders, html::upload_media, service::MULTIPART_LIMIT)
        .get("/media/{file}", Access::Public, html::show_media_file)
}
