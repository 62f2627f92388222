//! Request and response bodies of the account routes, one file per resource.
//!
//! Requests refuse unknown fields (mass assignment), and the read-only
//! fields a `GET` answered with a 422 `is read-only` naming the field. Text fields are optional in the
//! parser and required by the use case, so one 422 names every missing one.

mod api_clients;
mod avatar;
mod bank;
mod company;
mod profile;
mod read_only;
mod settings;

pub use api_clients::{ApiClientRequest, ApiClientResponse, CreatedApiClientResponse};
pub use avatar::{AvatarRequest, UploadUrlRequest};
pub use bank::{BankRequest, BankResponse};
pub use company::{CompanyRequest, CompanyResponse};
pub use profile::{ProfileRequest, ProfileResponse};
pub use read_only::ReadOnly;
pub use settings::{PurchaseOrdersRequest, SettingsRequest, SettingsResponse};
pub use uome_http::uploads::UploadUrlResponse;
