//! What every row of an import is decided against, read once per import:
//! the company (currency, time zone), the settings (numbering, payment
//! terms, reminders) and the bank details (the IBAN on invoices).

use chrono::NaiveDate;
use uome_domain::AccountId;

use crate::account::bank::Bank;
use crate::account::company::Company;
use crate::account::settings::Settings;
use crate::dunning::DueContext;
use crate::error::CoreResult;
use crate::fetch::Fetched;
use crate::keys::{bank_key, company_key, settings_key};
use crate::ports::Ports;
use crate::stored::parse_or_default;

pub(super) struct ImportContext {
    pub account_id: AccountId,
    pub company: Company,
    pub settings: Settings,
    pub iban: Option<String>,
    pub due: DueContext,
}

impl ImportContext {
    pub async fn read(ports: &Ports, account_id: &AccountId) -> CoreResult<ImportContext> {
        let keys = vec![
            company_key(account_id),
            settings_key(account_id),
            bank_key(account_id),
        ];
        let fetched = Fetched::read(ports.table.as_ref(), keys).await?;
        let company: Company = parse_or_default(fetched.get(&company_key(account_id)))?;
        let settings: Settings = parse_or_default(fetched.get(&settings_key(account_id)))?;
        let bank: Bank = parse_or_default(fetched.get(&bank_key(account_id)))?;
        Ok(ImportContext {
            account_id: account_id.clone(),
            due: DueContext::new(&settings, &company),
            iban: bank.iban.filter(|i| !i.trim().is_empty()),
            company,
            settings,
        })
    }

    /// Today in the account's time zone.
    pub fn today(&self, ports: &Ports) -> NaiveDate {
        self.company.today(ports.clock.now())
    }
}
