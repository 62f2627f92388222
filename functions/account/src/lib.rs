//! The `account` function (API.md §4): the signed-in user's profile and
//! avatar, the company and bank details, the account's settings, and its
//! API clients. Handlers live in `routes/<resource>.rs`, request/response
//! bodies in `dto/<resource>.rs`, the use cases in `uome_core::account` and
//! `uome_core::uploads`.

pub mod dto;
pub mod routes;

use routes::{api_clients, avatar, bank, company, profile, settings};

uome_http::route_table! {
    pub fn api, pub fn router =>
    (profile::get_profile, profile::put_profile),
    (company::get_company, company::put_company),
    (bank::get_bank, bank::put_bank),
    (settings::get_settings, settings::put_settings),
    (settings::put_purchase_orders),
    (avatar::post_upload_url),
    (avatar::put_avatar),
    (api_clients::create_api_client, api_clients::list_api_clients),
    (api_clients::delete_api_client),
}
