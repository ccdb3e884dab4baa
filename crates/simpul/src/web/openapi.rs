//! The OpenAPI document: the operations and schemas every capability declared on its routes
//! (`Routes::doc`), under the API's title and bearer authentication.

use std::sync::OnceLock;

use axum::Json;
use utoipa::{
    OpenApi,
    openapi::{
        ComponentsBuilder,
        security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
    },
};

#[derive(OpenApi)]
#[openapi(info(
    title = "Simpul API",
    description = "Public data of the KIM platform. Machine clients send `Authorization: Bearer <token>`."
))]
struct ApiInfo;

/// The whole document, built once from the route table.
pub fn document() -> &'static utoipa::openapi::OpenApi {
    static DOC: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();
    DOC.get_or_init(|| {
        let built = crate::features::routes().into_parts();
        let mut doc = ApiInfo::openapi();
        doc.paths = built.paths;
        let mut components = ComponentsBuilder::new();
        for (name, schema) in built.schemas {
            components = components.schema(name, schema);
        }
        let mut components = components.build();
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        doc.components = Some(components);
        doc
    })
}

pub async fn show_openapi() -> Json<&'static utoipa::openapi::OpenApi> {
    Json(document())
}
