//! Customer rows (`POST /v1/uploads/customers`), and the contacts invoice
//! rows name: a number no contact has yet becomes a new contact; a known
//! number updates that contact (customer rows) or is simply used (invoice
//! rows, which never rewrite a contact).

use uome_domain::import_rows::{CustomerRow, RawRow, parse_customer_row, row_number};
use uome_domain::{AccountId, ContactId, FieldError};

use super::groups::{RowWrites, write_rows};
use super::{Applied, Importer};
use crate::contacts::import::{
    email_guard_key, guard_contact, new_contact_writes, number_guard_key,
};
use crate::contacts::{Contact, ContactInput, Expected, Stamp, load_contact, replace_contact};
use crate::error::{CoreError, CoreResult};
use crate::fetch::Fetched;
use crate::ports::Ports;

/// How often a row that lost a race is decided again before it is
/// reported as changed while importing.
const MAX_PASSES: usize = 5;

/// A contact as a row describes it.
#[derive(Clone, Debug)]
pub(super) struct ContactSpec {
    pub number: String,
    pub email: Option<String>,
    pub company_name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub phone: Option<String>,
    pub company_code: Option<String>,
}

impl From<CustomerRow> for ContactSpec {
    fn from(row: CustomerRow) -> Self {
        ContactSpec {
            number: row.number,
            email: Some(row.email),
            company_name: row.company_name,
            first_name: row.first_name,
            last_name: row.last_name,
            phone: row.phone,
            company_code: row.company_code,
        }
    }
}

/// The tag a `cocode` becomes: contacts have no company-code field, and
/// a tag is what groups contacts (and lists filter on).
fn company_code_tag(code: &str) -> String {
    format!("cocode:{code}")
}

impl ContactSpec {
    /// The contact input of a new contact.
    fn input(&self) -> ContactInput {
        let company = self.company_name.is_some();
        ContactInput {
            kind: Some(if company { "company" } else { "person" }.to_string()),
            number: Some(self.number.clone()),
            company_name: self.company_name.clone(),
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            tags: self
                .company_code
                .as_deref()
                .map(|c| vec![company_code_tag(c)]),
            ..ContactInput::default()
        }
    }

    /// `current` with what the row says on top; what it leaves out stays.
    fn merged(&self, current: &Contact) -> ContactInput {
        let mut input = ContactInput::from_contact(current);
        if self.company_name.is_some() {
            input.kind = Some("company".to_string());
            input.company_name = self.company_name.clone();
        }
        for (given, field) in [
            (&self.first_name, &mut input.first_name),
            (&self.last_name, &mut input.last_name),
            (&self.email, &mut input.email),
            (&self.phone, &mut input.phone),
        ] {
            if given.is_some() {
                field.clone_from(given);
            }
        }
        if let Some(code) = &self.company_code {
            let tag = company_code_tag(code);
            let tags = input.tags.get_or_insert_with(Vec::new);
            if !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                tags.push(tag);
            }
        }
        input
    }
}

/// Which seed key a contact field came from, for a rejected row's errors.
#[derive(Clone, Copy)]
pub(super) enum Keys {
    Customers,
    Invoices,
}

impl Keys {
    fn seed_key(self, field: &str) -> String {
        let top = field.split(['.', '[']).next().unwrap_or(field);
        let mapped = match (self, top) {
            (Keys::Customers, "number") => "customerno",
            (Keys::Customers, "email") => "emailaddress1",
            (Keys::Customers, "company_name") => "companyname",
            (Keys::Customers, "first_name") => "firstname",
            (Keys::Customers, "last_name") => "lastname",
            (Keys::Customers, "phone") => "phoneno",
            (Keys::Customers, "tags") => "cocode",
            (Keys::Invoices, "number") => "customerNumber",
            (Keys::Invoices, "company_name") => "customerName",
            _ => return field.to_string(),
        };
        mapped.to_string()
    }

    fn errors(self, error: CoreError) -> CoreResult<Vec<FieldError>> {
        let errors = match error {
            CoreError::Validation(errors) | CoreError::Unprocessable { errors, .. } => errors,
            CoreError::Domain(uome_domain::DomainError::Validation(errors)) => errors,
            other => return Err(other),
        };
        Ok(errors
            .into_iter()
            .map(|e| FieldError::new(self.seed_key(&e.field), e.message))
            .collect())
    }

    fn number_key(self) -> &'static str {
        match self {
            Keys::Customers => "customerno",
            Keys::Invoices => "customerNumber",
        }
    }
}

/// What became of one spec.
pub(super) type ContactOutcome = Result<(Applied, ContactId), Vec<FieldError>>;

/// Creates the contacts of `specs` whose number is new; a known number is
/// updated from the spec when `update`, else used as it is. Answers one
/// outcome per spec, in order.
pub(super) async fn upsert_contacts(
    ports: &Ports,
    account_id: &AccountId,
    specs: &[ContactSpec],
    update: bool,
    keys: Keys,
) -> CoreResult<Vec<ContactOutcome>> {
    let mut outcomes: Vec<Option<ContactOutcome>> = vec![None; specs.len()];
    let mut pending: Vec<usize> = (0..specs.len()).collect();
    for pass in 0..MAX_PASSES {
        if pending.is_empty() {
            break;
        }
        let mut guard_keys = Vec::new();
        for &i in &pending {
            guard_keys.push(number_guard_key(account_id, &specs[i].number));
            guard_keys.extend(
                specs[i]
                    .email
                    .as_deref()
                    .map(|e| email_guard_key(account_id, e)),
            );
        }
        let fetched = Fetched::read(ports.table.as_ref(), guard_keys).await?;
        let now = ports.clock.now();
        let mut claimed = std::collections::HashSet::new();
        let mut creates = Vec::new();
        for &i in &pending {
            let spec = &specs[i];
            if let Some(guard) = fetched.get(&number_guard_key(account_id, &spec.number)) {
                let id = guard_contact(guard)?;
                outcomes[i] = Some(if update {
                    update_contact(ports, account_id, &id, spec, keys).await?
                } else {
                    Ok((Applied::Updated, id))
                });
                continue;
            }
            let valid = match spec.input().validate(None) {
                Ok(valid) => valid,
                Err(error) => {
                    outcomes[i] = Some(Err(keys.errors(error)?));
                    continue;
                }
            };
            let id = ports.ids.new_id().to_string();
            let contact = valid.into_contact(
                Stamp {
                    id: &id,
                    number: spec.number.clone(),
                    version: 1,
                    created_at: now,
                    updated_at: now,
                },
                ports.ids.as_ref(),
            );
            let email = spec
                .email
                .as_deref()
                .map(|e| email_guard_key(account_id, e));
            let claim = email.is_some_and(|key| fetched.get(&key).is_none() && claimed.insert(key));
            creates.push(RowWrites {
                row: i,
                writes: new_contact_writes(account_id, &contact, claim)?,
            });
            outcomes[i] = Some(Ok((Applied::Created, contact.id)));
        }
        // After a lost race, rows go one transaction each, so one row's
        // conflict no longer undoes its neighbours.
        let failed = if pass == 0 {
            write_rows(ports.table.as_ref(), creates).await?
        } else {
            let mut failed = Vec::new();
            for create in creates {
                failed.extend(write_rows(ports.table.as_ref(), vec![create]).await?);
            }
            failed
        };
        for &i in &failed {
            outcomes[i] = None;
        }
        pending = failed;
    }
    Ok(outcomes
        .into_iter()
        .enumerate()
        .map(|(i, outcome)| {
            outcome.unwrap_or_else(|| {
                Err(vec![FieldError::new(
                    keys.number_key(),
                    format!(
                        "contact `{}` kept changing while this import ran; upload the row again",
                        specs[i].number
                    ),
                )])
            })
        })
        .collect())
}

/// The row's fields over the contact's; unchanged rows write nothing.
async fn update_contact(
    ports: &Ports,
    account_id: &AccountId,
    id: &ContactId,
    spec: &ContactSpec,
    keys: Keys,
) -> CoreResult<ContactOutcome> {
    let gone = || {
        Ok(Err(vec![FieldError::new(
            keys.number_key(),
            "the contact with this number was deleted while importing",
        )]))
    };
    let current = match load_contact(ports.table.as_ref(), account_id, id).await {
        Ok(current) => current,
        Err(CoreError::NotFound) => return gone(),
        Err(other) => return Err(other),
    };
    let input = spec.merged(&current);
    match replace_contact(ports, account_id, id, input, Expected(None), true).await {
        Ok(contact) => Ok(Ok((Applied::Updated, contact.id))),
        Err(CoreError::NotFound) => gone(),
        Err(error) => Ok(Err(keys.errors(error)?)),
    }
}

/// A chunk of customer rows.
pub(super) async fn apply(importer: &mut Importer<'_>, chunk: Vec<RawRow>) -> CoreResult<()> {
    let mut specs = Vec::new();
    let mut rows = Vec::new();
    for raw in chunk {
        match parse_customer_row(&raw.value) {
            Ok(row) => {
                if importer.first_time(raw.index, "customerno", &row.number) {
                    rows.push(raw.index);
                    specs.push(ContactSpec::from(row));
                }
            }
            Err(errors) => {
                let number = row_number(&raw.value, "customerno");
                importer.report.reject(raw.index, number, errors);
            }
        }
    }
    let outcomes = upsert_contacts(
        importer.ports,
        &importer.ctx.account_id,
        &specs,
        true,
        Keys::Customers,
    )
    .await?;
    for ((index, spec), outcome) in rows.into_iter().zip(specs).zip(outcomes) {
        match outcome {
            Ok((applied, _)) => importer.count(applied),
            Err(errors) => importer.report.reject(index, Some(spec.number), errors),
        }
    }
    Ok(())
}
