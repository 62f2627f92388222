//! Company details (API.md §4) at `ACCOUNT#<acc>` / `COMPANY`. Sign-up
//! stores only `name` there; every other field has a default, so a partial
//! or missing item reads as the defaults: currency GBP, time zone
//! Europe/London.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::AccountId;
use uome_domain::{Address, Currency, Email, Line, Phone};

use super::fields::{self, MAX_CODE, MAX_NAME};
use super::versioned::{Versioned, parse_or_default, write_over};
use crate::error::{CoreError, CoreResult};
use crate::keys::company_key;
use crate::ports::{Ports, Table};
use crate::uploads;

/// The currency of an account that never chose one.
pub const DEFAULT_CURRENCY: Currency = Currency::GBP;
/// The time zone of an account that never chose one ("today" is judged in it).
pub const DEFAULT_TIMEZONE: &str = "Europe/London";

fn default_currency() -> String {
    DEFAULT_CURRENCY.code().to_string()
}

fn default_timezone() -> String {
    DEFAULT_TIMEZONE.to_string()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Company {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub registration_number: Option<String>,
    #[serde(default)]
    pub vat_number: Option<String>,
    #[serde(default)]
    pub industry: Option<String>,
    #[serde(default)]
    pub address: Option<Address>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    /// ISO 4217 code, upper case.
    #[serde(default = "default_currency")]
    pub default_currency: String,
    /// IANA name.
    #[serde(default = "default_timezone")]
    pub timezone: String,
    #[serde(default)]
    pub logo_upload_id: Option<String>,
    /// The logo's object key, so reads sign its URL without another read.
    #[serde(default)]
    pub logo_key: Option<String>,
    #[serde(default)]
    pub updated_at: Option<DateTime<Utc>>,
}

impl Default for Company {
    fn default() -> Self {
        Self {
            name: String::new(),
            registration_number: None,
            vat_number: None,
            industry: None,
            address: None,
            email: None,
            phone: None,
            website: None,
            default_currency: default_currency(),
            timezone: default_timezone(),
            logo_upload_id: None,
            logo_key: None,
            updated_at: None,
        }
    }
}

impl Company {
    /// The default currency (a stored code that no longer parses falls
    /// back to GBP rather than failing every document).
    pub fn currency(&self) -> Currency {
        Currency::parse(&self.default_currency).unwrap_or(DEFAULT_CURRENCY)
    }

    /// The time zone, parsed; Europe/London when the stored name is unusable.
    pub fn tz(&self) -> chrono_tz::Tz {
        self.timezone.parse().unwrap_or(chrono_tz::Europe::London)
    }

    /// Today in the company's time zone: due dates, validity and overdue
    /// flags are calendar dates where the business is, not in UTC.
    pub fn today(&self, now: DateTime<Utc>) -> chrono::NaiveDate {
        now.with_timezone(&self.tz()).date_naive()
    }
}

/// The writable fields (a full replace: an absent optional field is cleared,
/// an absent currency or time zone is the default).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompanyInput {
    pub name: String,
    pub registration_number: Option<String>,
    pub vat_number: Option<String>,
    pub industry: Option<String>,
    pub address: Option<Address>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub default_currency: Option<String>,
    pub timezone: Option<String>,
    pub logo_upload_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompanyView {
    pub company: Company,
    pub version: u64,
    pub logo_url: Option<String>,
}

/// The company details with defaults for whatever was never set; for use
/// cases that need the currency or time zone.
pub async fn load_company(table: &dyn Table, account_id: &AccountId) -> CoreResult<Company> {
    let item = table.get(&company_key(account_id)).await?;
    Ok(parse_or_default::<Company>(item.as_ref())?.value)
}

pub async fn get(ports: &Ports, account_id: &AccountId) -> CoreResult<CompanyView> {
    let item = ports.table.get(&company_key(account_id)).await?;
    let Versioned { value, version } = parse_or_default(item.as_ref())?;
    view(ports, value, version).await
}

pub async fn update(
    ports: &Ports,
    account_id: &AccountId,
    input: CompanyInput,
    expected: Option<u64>,
) -> CoreResult<CompanyView> {
    let mut errors = Vec::new();
    let e = &mut errors;
    let name = fields::required_text::<MAX_NAME>(e, "name", input.name);
    let registration_number =
        fields::optional_text::<MAX_CODE>(e, "registration_number", input.registration_number);
    let vat_number = fields::optional_text::<MAX_CODE>(e, "vat_number", input.vat_number);
    let industry = fields::optional_text::<MAX_NAME>(e, "industry", input.industry);
    let address = fields::address(e, "address", input.address);
    let email = fields::email(e, "email", input.email);
    let phone = fields::phone(e, "phone", input.phone);
    let website = fields::website(e, "website", input.website);
    let default_currency = fields::currency(
        e,
        "default_currency",
        input.default_currency,
        DEFAULT_CURRENCY,
    );
    let timezone = fields::timezone(e, "timezone", input.timezone, DEFAULT_TIMEZONE);
    let logo_upload_id = input
        .logo_upload_id
        .map(|id| id.trim().to_string())
        .filter(|id| !id.is_empty());
    let (Some(name), true) = (name, errors.is_empty()) else {
        return Err(CoreError::Validation(errors));
    };

    let key = company_key(account_id);
    let current = ports.table.get(&key).await?;
    let stored: Company = parse_or_default(current.as_ref())?.value;
    let logo_key = match &logo_upload_id {
        None => None,
        // Sending back the logo already linked needs no second check.
        Some(id) if stored.logo_upload_id.as_ref() == Some(id) => stored.logo_key.clone(),
        Some(id) => {
            let upload = uploads::ensure_linkable(ports, account_id, id, "logo_upload_id").await?;
            if !upload.is_image() {
                return Err(CoreError::invalid_field(
                    "logo_upload_id",
                    "must be an image upload (png, jpeg or webp)",
                ));
            }
            Some(upload.key)
        }
    };
    let company = Company {
        name: name.into_string(),
        registration_number: registration_number.map(Line::into_string),
        vat_number: vat_number.map(Line::into_string),
        industry: industry.map(Line::into_string),
        address,
        email: email.map(Email::into_string),
        phone: phone.map(Phone::into_string),
        website,
        default_currency,
        timezone,
        logo_upload_id,
        logo_key,
        updated_at: Some(ports.clock.now()),
    };
    let written: Versioned<Company> =
        write_over(ports.table.as_ref(), &key, current, expected, &company).await?;
    if stored.timezone != written.value.timezone {
        // Days are counted where the business is: every due instant moves.
        let table = ports.table.as_ref();
        crate::dunning::reindex(table, account_id, crate::dunning::Scope::Account).await?;
        crate::dunning::reindex_recurring(table, account_id, written.value.tz()).await?;
    }
    view(ports, written.value, written.version).await
}

async fn view(ports: &Ports, company: Company, version: u64) -> CoreResult<CompanyView> {
    let logo_url = match &company.logo_key {
        Some(key) => Some(uploads::download_url(ports, key).await?),
        None => None,
    };
    Ok(CompanyView {
        company,
        version,
        logo_url,
    })
}

#[cfg(test)]
mod today_tests {
    use chrono::{NaiveDate, TimeZone};

    use super::*;

    fn company_in(timezone: &str) -> Company {
        Company {
            timezone: timezone.to_owned(),
            ..Company::default()
        }
    }

    #[test]
    fn today_is_the_calendar_date_in_the_company_zone() {
        // 23:30 UTC on 31 Dec is already New Year in Auckland, still New
        // Year's Eve in London and in New York.
        let now = Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap();
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(company_in("Pacific/Auckland").today(now), date(2027, 1, 1));
        assert_eq!(company_in("Europe/London").today(now), date(2026, 12, 31));
        assert_eq!(
            company_in("America/New_York").today(now),
            date(2026, 12, 31)
        );
    }

    #[test]
    fn an_unknown_zone_counts_as_london() {
        let now = Utc.with_ymd_and_hms(2026, 6, 30, 23, 30, 0).unwrap();
        // BST: 00:30 on 1 July in London.
        let expected = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        assert_eq!(company_in("Mars/Olympus").today(now), expected);
    }
}
