//! The profile (API.md §4): the signed-in user's name, phone, address and
//! avatar. It lives on the user item sign-up writes
//! (`ACCOUNT#<acc>` / `USER#<user>`); writes here touch only the profile's
//! fields, so what auth keeps on the same item is left alone.
//!
//! An API client has no user of its own: its profile is the account
//! owner's.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::AccountId;
use uome_domain::{Address, Phone};

use super::fields::{self, MAX_NAME};
use super::versioned::{Versioned, write_over};
use crate::accounts::load_account;
use crate::error::{CoreError, CoreResult};
use crate::keys::user_key;
use crate::ports::{Item, Ports};
use crate::uploads;

/// The profile's view of the user item; every field has a default so
/// whatever sign-up stored parses.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub account_id: AccountId,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub email_verified: bool,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub address: Option<Address>,
    #[serde(default)]
    pub avatar_upload_id: Option<String>,
    /// The avatar's object key, kept so reading the profile needs no
    /// second read to sign its URL.
    #[serde(default)]
    pub avatar_key: Option<String>,
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub updated_at: Option<DateTime<Utc>>,
}

/// The profile as answered: the user, its version and a presigned avatar URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileView {
    pub profile: Profile,
    pub version: u64,
    pub avatar_url: Option<String>,
}

/// The writable fields (a full replace).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileInput {
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub address: Option<Address>,
}

/// Whose profile: a user of the account, or (for an API client) its owner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileOf<'a> {
    User(&'a str),
    AccountOwner,
}

#[derive(Serialize)]
struct ProfileFields<'a> {
    first_name: &'a str,
    last_name: &'a str,
    phone: &'a Option<Phone>,
    address: &'a Option<Address>,
    updated_at: DateTime<Utc>,
}

#[derive(Serialize)]
struct AvatarFields<'a> {
    avatar_upload_id: &'a str,
    avatar_key: &'a str,
    updated_at: DateTime<Utc>,
}

pub async fn get(
    ports: &Ports,
    account_id: &AccountId,
    of: ProfileOf<'_>,
) -> CoreResult<ProfileView> {
    let (_, item) = load_user(ports, account_id, of).await?;
    view(ports, item.parse()?, item.version).await
}

/// Replaces the profile's fields; every bad field is reported at once.
pub async fn update(
    ports: &Ports,
    account_id: &AccountId,
    of: ProfileOf<'_>,
    input: ProfileInput,
    expected: Option<u64>,
) -> CoreResult<ProfileView> {
    let mut errors = Vec::new();
    let first_name = fields::required_text::<MAX_NAME>(&mut errors, "first_name", input.first_name);
    let last_name = fields::required_text::<MAX_NAME>(&mut errors, "last_name", input.last_name);
    let phone = fields::phone(&mut errors, "phone", input.phone);
    let address = fields::address(&mut errors, "address", input.address);
    let (Some(first_name), Some(last_name), true) = (first_name, last_name, errors.is_empty())
    else {
        return Err(CoreError::Validation(errors));
    };
    let (key, item) = load_user(ports, account_id, of).await?;
    let written: Versioned<Profile> = write_over(
        ports.table.as_ref(),
        &key,
        Some(item),
        expected,
        &ProfileFields {
            first_name: &first_name,
            last_name: &last_name,
            phone: &phone,
            address: &address,
            updated_at: ports.clock.now(),
        },
    )
    .await?;
    view(ports, written.value, written.version).await
}

/// Links a ready image upload as the avatar (422 unknown or another
/// account's upload, 409 not ready, 422 not an image).
pub async fn link_avatar(
    ports: &Ports,
    account_id: &AccountId,
    of: ProfileOf<'_>,
    upload_id: &str,
    expected: Option<u64>,
) -> CoreResult<ProfileView> {
    let upload = uploads::ensure_linkable(ports, account_id, upload_id, "upload_id").await?;
    if !upload.is_image() {
        return Err(CoreError::invalid_field(
            "upload_id",
            "must be an image upload (png, jpeg or webp)",
        ));
    }
    let (key, item) = load_user(ports, account_id, of).await?;
    let written: Versioned<Profile> = write_over(
        ports.table.as_ref(),
        &key,
        Some(item),
        expected,
        &AvatarFields {
            avatar_upload_id: &upload.id,
            avatar_key: &upload.key,
            updated_at: ports.clock.now(),
        },
    )
    .await?;
    view(ports, written.value, written.version).await
}

/// The user item; 404 when the user (or, for an API client, the account)
/// is gone.
async fn load_user(
    ports: &Ports,
    account_id: &AccountId,
    of: ProfileOf<'_>,
) -> CoreResult<(crate::ports::Key, Item)> {
    let user_id = match of {
        ProfileOf::User(id) => id.to_string(),
        ProfileOf::AccountOwner => {
            load_account(ports.table.as_ref(), account_id)
                .await?
                .owner_user_id
        }
    };
    let key = user_key(account_id, &user_id);
    let item = ports.table.get(&key).await?.ok_or(CoreError::NotFound)?;
    Ok((key, item))
}

async fn view(ports: &Ports, profile: Profile, version: u64) -> CoreResult<ProfileView> {
    let avatar_url = match &profile.avatar_key {
        Some(key) => Some(uploads::download_url(ports, key).await?),
        None => None,
    };
    Ok(ProfileView {
        profile,
        version,
        avatar_url,
    })
}
