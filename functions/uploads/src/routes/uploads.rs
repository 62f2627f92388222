//! `POST /v1/uploads` and `GET /v1/uploads/{id}` (API.md §11).

use axum::extract::State;
use http::StatusCode;
use uome_core::error::CoreError;
use uome_core::uploads::{self, NewUpload, UploadStatus};
use uome_domain::{AccountId, FieldError};
use uome_http::problem_responses::{BusinessAuth, Invalid, NotFound};
use uome_http::uploads::UploadUrlResponse;
use uome_http::{ApiError, AppContext, Business, Json, Path};
use uuid::Uuid;

use crate::dto::uploads::{CreateUploadRequest, UploadView};

/// A presigned URL to upload a file to, valid 15 minutes. The URL signs
/// the content type and the size: a PUT of another type or size is
/// refused. Once the bytes land they are checked, and the upload becomes
/// `ready` or `rejected` (`GET /v1/uploads/{id}`).
#[utoipa::path(
    post,
    path = "/v1/uploads",
    tag = "uploads",
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays answer the first response")),
    request_body = CreateUploadRequest,
    responses(
        (status = 201, description = "PUT the bytes to `url` with `headers`", body = UploadUrlResponse),
        BusinessAuth,
        Invalid,
    )
)]
pub async fn create_upload(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    Json(body): Json<CreateUploadRequest>,
) -> Result<(StatusCode, Json<UploadUrlResponse>), ApiError> {
    let Some(purpose) = body.purpose else {
        // Every other rule depends on the purpose.
        return Err(CoreError::Validation(vec![FieldError::new("purpose", "is required")]).into());
    };
    let input = NewUpload {
        purpose,
        file_name: body.file_name.unwrap_or_default(),
        content_type: body.content_type.unwrap_or_default(),
        size_bytes: body.size_bytes.unwrap_or(0),
        import_type: body.import_type,
        owner_id: body.owner_id,
    };
    let presigned = uploads::create(&ctx.ports, &principal.account_id, input).await?;
    Ok((StatusCode::CREATED, Json(presigned.into())))
}

/// An upload: its status, why it was rejected, what the checks found, and
/// short-lived links to the file and its thumbnail once it is ready.
#[utoipa::path(
    get,
    path = "/v1/uploads/{id}",
    tag = "uploads",
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(("id" = Uuid, Path, description = "The upload")),
    responses(
        (status = 200, description = "The upload", body = UploadView),
        NotFound,
    )
)]
pub async fn get_upload(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    Path(id): Path<Uuid>,
) -> Result<Json<UploadView>, ApiError> {
    let account_id: &AccountId = &principal.account_id;
    let upload = uploads::load(&ctx.ports, account_id, &id.to_string()).await?;
    let (download_url, thumbnail_url) = if upload.status == UploadStatus::Ready {
        let thumbnail = match &upload.found.thumbnail_key {
            Some(key) => Some(uploads::download_url(&ctx.ports, key).await?),
            None => None,
        };
        (
            Some(uploads::download_url(&ctx.ports, &upload.key).await?),
            thumbnail,
        )
    } else {
        (None, None)
    };
    Ok(Json(UploadView::new(upload, download_url, thumbnail_url)))
}
