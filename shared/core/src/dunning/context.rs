//! What an account contributes to when its invoices' reminders fall due:
//! the reminder settings and the time zone the days are counted in.

use chrono_tz::Tz;
use uome_domain::AccountId;
use uome_domain::dunning::Plan;

use crate::account::company::Company;
use crate::account::settings::{Reminders, Settings};
use crate::error::CoreResult;
use crate::fetch::Fetched;
use crate::keys::{company_key, settings_key};
use crate::ports::Table;
use crate::stored::parse_or_default;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueContext {
    pub reminders: Reminders,
    pub tz: Tz,
}

impl DueContext {
    pub fn new(settings: &Settings, company: &Company) -> Self {
        Self {
            reminders: settings.reminders.clone(),
            tz: company.tz(),
        }
    }

    pub fn plan(&self) -> Plan<'_> {
        Plan {
            before_due_days: self.reminders.before_due_days,
            levels: &self.reminders.levels,
        }
    }

    /// The context from a batch read that included the settings and the
    /// company (missing items read as the defaults).
    pub fn from_fetched(fetched: &Fetched, account_id: &AccountId) -> CoreResult<Self> {
        let settings: Settings = parse_or_default(fetched.get(&settings_key(account_id)))?;
        let company: Company = parse_or_default(fetched.get(&company_key(account_id)))?;
        Ok(Self::new(&settings, &company))
    }

    /// One batch read of the settings and the company.
    pub async fn load(table: &dyn Table, account_id: &AccountId) -> CoreResult<Self> {
        let fetched = Fetched::read(table, context_keys(account_id)).await?;
        Self::from_fetched(&fetched, account_id)
    }
}

/// The keys [`DueContext::from_fetched`] reads.
pub fn context_keys(account_id: &AccountId) -> Vec<crate::ports::Key> {
    vec![settings_key(account_id), company_key(account_id)]
}
