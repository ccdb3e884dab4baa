//! The OpenAPI document, generated from the handlers' annotations.

use axum::Json;
use utoipa::OpenApi;

use crate::features::{aspirations, categories, factcheck, kim, news, opd, regions, search, tokens};

#[derive(OpenApi)]
#[openapi(
    info(title = "Simpul API", description = "Public data of the KIM platform. Machine clients send `Authorization: Bearer <token>`."),
    paths(
        regions::api::list_regions,
        kim::api::list_kim,
        kim::api::show_kim,
        opd::api::list_opd,
        categories::api::list_categories,
        news::api::list_articles,
        news::api::show_article,
        news::api::list_my_articles,
        news::api::list_queue,
        news::api::show_desk_article,
        news::api::create_article,
        news::api::save_article,
        news::api::act_on_article,
        tokens::api::show_token,
        search::api::search,
        aspirations::api::submit_aspiration,
        aspirations::api::list_aspirations,
        aspirations::api::list_categories,
        aspirations::api::show_aspiration,
        factcheck::api::submit_tip,
        factcheck::api::list_clarifications,
        factcheck::api::show_clarification,
        factcheck::chat::verify_whatsapp,
        factcheck::chat::receive_whatsapp,
        factcheck::chat::receive_telegram
    ),
    components(schemas(regions::repo::RegionRow, kim::repo::KimListRow, kim::api::KimProfile, opd::repo::OpdRow, categories::repo::CategoryRow, news::api::ArticleOut, news::api::DeskArticleOut, news::api::DeskSummaryOut, news::api::NoteOut, news::api::ArticleIn, news::api::ActionIn, search::api::SearchResults, search::api::SearchHit, search::service::FacetValue, tokens::api::TokenInfo, aspirations::api::AspirationIn, aspirations::api::AspirationOut, aspirations::api::SubmittedOut, aspirations::repo::CategoryRow, crate::domain::aspiration::Kind, factcheck::api::TipIn, factcheck::api::TipOut, factcheck::api::ClarificationOut)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

pub async fn show_openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
