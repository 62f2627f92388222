//! The contact use cases against the embedded adapters (SQLite table,
//! outbox, fixed clock): numbering, duplicates, races, references, search.

use std::collections::BTreeSet;
use std::sync::LazyLock;
use uome_domain::AccountId;

use serde_json::json;
use uome_core::CoreError;
use uome_core::contacts::{
    self, ContactFilter, ContactInput, ContactRole, Expected, reference_checks, reference_write,
    release_reference_write,
};
use uome_core::keys::contact_reference_key;
use uome_core::ports::Clock;
use uome_core::ports::{Ports, TableError, Write};

mod kit;

use kit::Kit;

static ACC: LazyLock<AccountId> = LazyLock::new(|| AccountId::new("acc-1"));

fn company(name: &str) -> ContactInput {
    ContactInput {
        company_name: Some(name.to_string()),
        ..Default::default()
    }
}

fn with_email(name: &str, email: &str) -> ContactInput {
    ContactInput {
        email: Some(email.to_string()),
        ..company(name)
    }
}

fn code(err: &CoreError) -> String {
    match err {
        CoreError::Conflict { code, .. } => code.to_string(),
        CoreError::Validation(_) => "validation_failed".into(),
        CoreError::NotFound => "not_found".into(),
        other => format!("{other:?}"),
    }
}

fn extra(err: &CoreError, key: &str) -> Option<String> {
    match err {
        CoreError::Conflict { extra, .. } => {
            extra.get(key).and_then(|v| v.as_str()).map(String::from)
        }
        _ => None,
    }
}

#[tokio::test]
async fn numbers_are_sequential_and_skip_numbers_clients_took() {
    let env = Kit::new();
    let p = &env.ports;
    let a = contacts::create_contact(p, &ACC, company("A"), false)
        .await
        .unwrap();
    assert_eq!(a.number, "CUS-0001");
    assert_eq!(a.version, 1);
    // A client takes the next two automatic numbers (in another case, too).
    let mut own = company("Own");
    own.number = Some("CUS-0002".into());
    contacts::create_contact(p, &ACC, own, false).await.unwrap();
    let mut own = company("Own lower");
    own.number = Some("cus-0003".into());
    contacts::create_contact(p, &ACC, own, false).await.unwrap();
    let b = contacts::create_contact(p, &ACC, company("B"), false)
        .await
        .unwrap();
    assert_eq!(b.number, "CUS-0004");
    // Another account counts on its own.
    let other = contacts::create_contact(p, &AccountId::from("acc-2"), company("X"), false)
        .await
        .unwrap();
    assert_eq!(other.number, "CUS-0001");
}

#[tokio::test]
async fn twenty_concurrent_creates_get_twenty_consecutive_numbers() {
    let env = Kit::new();
    let (counted, table) = env.counting();
    let mut tasks = Vec::new();
    for i in 0..20 {
        let ports: Ports = counted.clone();
        tasks.push(tokio::spawn(async move {
            contacts::create_contact(&ports, &ACC, company(&format!("C{i}")), false).await
        }));
    }
    let mut numbers = BTreeSet::new();
    for task in tasks {
        numbers.insert(task.await.unwrap().unwrap().number);
    }
    let expected: BTreeSet<String> = (1..=20).map(|n| format!("CUS-{n:04}")).collect();
    assert_eq!(numbers, expected);
    // More transactions than contacts: the creates really raced and retried.
    let calls = table.take();
    println!("20 concurrent creates: {calls:?}");
    assert!(calls["transact"] >= 20);
}

#[tokio::test]
async fn a_client_number_clash_is_409_whatever_the_case() {
    let env = Kit::new();
    let p = &env.ports;
    let mut first = company("First");
    first.number = Some("K-7".into());
    let first = contacts::create_contact(p, &ACC, first, false)
        .await
        .unwrap();
    let mut again = company("Again");
    again.number = Some("k-7".into());
    let err = contacts::create_contact(p, &ACC, again, false)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "duplicate_number");
    assert_eq!(
        extra(&err, "existing_id").as_deref(),
        Some(first.id.as_str())
    );
    // Automatic numbers are guarded too.
    let auto = contacts::create_contact(p, &ACC, company("Auto"), false)
        .await
        .unwrap();
    let mut clash = company("Clash");
    clash.number = Some(auto.number.clone());
    let err = contacts::create_contact(p, &ACC, clash, false)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "duplicate_number");
    // Renumbering onto a taken number is refused; onto a free one works and frees the old.
    let patch = json!({"number": "K-7"});
    let err = contacts::patch_contact(p, &ACC, &auto.id, &patch, Expected(None), false)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "duplicate_number");
    let moved = contacts::patch_contact(
        p,
        &ACC,
        &auto.id,
        &json!({"number": "K-8"}),
        Expected(None),
        false,
    )
    .await
    .unwrap();
    assert_eq!(moved.number, "K-8");
    let mut reuse = company("Reuse");
    reuse.number = Some(auto.number.clone());
    contacts::create_contact(p, &ACC, reuse, false)
        .await
        .unwrap();
    assert_eq!(
        contacts::find_by_number(p.table.as_ref(), &ACC, "k-8")
            .await
            .unwrap()
            .unwrap()
            .id,
        auto.id
    );
}

#[tokio::test]
async fn duplicate_emails_are_409_unless_forced() {
    let env = Kit::new();
    let p = &env.ports;
    let a = contacts::create_contact(p, &ACC, with_email("A", "Ada@Example.com"), false)
        .await
        .unwrap();
    let err = contacts::create_contact(p, &ACC, with_email("B", " ada@example.COM "), false)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "duplicate_contact");
    assert_eq!(extra(&err, "existing_id").as_deref(), Some(a.id.as_str()));
    // Another account may have the same email.
    contacts::create_contact(
        p,
        &AccountId::from("acc-2"),
        with_email("A2", "ada@example.com"),
        false,
    )
    .await
    .unwrap();
    // Forced: saved, and the guard stays with the first holder.
    let b = contacts::create_contact(p, &ACC, with_email("B", "ada@example.com"), true)
        .await
        .unwrap();
    let err = contacts::create_contact(p, &ACC, with_email("C", "ada@example.com"), false)
        .await
        .unwrap_err();
    assert_eq!(extra(&err, "existing_id").as_deref(), Some(a.id.as_str()));
    // The holder goes: the guard passes to the forced duplicate.
    contacts::delete_contact(p, &ACC, &a.id, Expected(None))
        .await
        .unwrap();
    let err = contacts::create_contact(p, &ACC, with_email("C", "ada@example.com"), false)
        .await
        .unwrap_err();
    assert_eq!(extra(&err, "existing_id").as_deref(), Some(b.id.as_str()));
    // The last one changes its email: the old one is free, the new one taken.
    contacts::patch_contact(
        p,
        &ACC,
        &b.id,
        &json!({"email": "bea@example.com"}),
        Expected(None),
        false,
    )
    .await
    .unwrap();
    contacts::create_contact(p, &ACC, with_email("C", "ada@example.com"), false)
        .await
        .unwrap();
    let err = contacts::create_contact(p, &ACC, with_email("D", "BEA@example.com"), false)
        .await
        .unwrap_err();
    assert_eq!(extra(&err, "existing_id").as_deref(), Some(b.id.as_str()));
}

#[tokio::test]
async fn concurrent_creates_with_one_email_let_exactly_one_win() {
    let env = Kit::new();
    let mut tasks = Vec::new();
    for i in 0..12 {
        let ports: Ports = env.ports.clone();
        tasks.push(tokio::spawn(async move {
            contacts::create_contact(
                &ports,
                &ACC,
                with_email(&format!("R{i}"), "race@example.com"),
                false,
            )
            .await
        }));
    }
    let mut won = Vec::new();
    let mut lost = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(contact) => won.push(contact.id),
            Err(err) => {
                assert_eq!(code(&err), "duplicate_contact");
                lost += 1;
            }
        }
    }
    assert_eq!(won.len(), 1);
    assert_eq!(lost, 11);
    let all = contacts::list_contacts(
        env.ports.table.as_ref(),
        &ACC,
        &ContactFilter::default(),
        50,
        None,
    )
    .await
    .unwrap();
    assert_eq!(all.contacts.len(), 1, "a rejected create writes nothing");
}

#[tokio::test]
async fn a_referenced_contact_cannot_be_deleted() {
    let env = Kit::new();
    let p = &env.ports;
    let c = contacts::create_contact(p, &ACC, company("Used"), false)
        .await
        .unwrap();
    // What an invoice's creating transaction adds.
    let mut writes: Vec<Write> = reference_checks(&ACC, &c.id).into();
    writes.push(reference_write(&ACC, &c.id, "INVOICE#inv-1"));
    p.table.transact(writes).await.unwrap();
    assert!(
        p.table
            .get(&contact_reference_key(&ACC, &c.id, "INVOICE#inv-1"))
            .await
            .unwrap()
            .is_some()
    );

    let err = contacts::delete_contact(p, &ACC, &c.id, Expected(None))
        .await
        .unwrap_err();
    assert_eq!(code(&err), "contact_in_use");
    // The refused delete released its lock: a document can still be made.
    let mut writes: Vec<Write> = reference_checks(&ACC, &c.id).into();
    writes.push(reference_write(&ACC, &c.id, "QUOTE#q-1"));
    p.table.transact(writes).await.unwrap();
    // It can be archived instead.
    let archived = contacts::set_archived(p, &ACC, &c.id, true).await.unwrap();
    assert!(archived.archived);

    p.table
        .transact(vec![
            release_reference_write(&ACC, &c.id, "INVOICE#inv-1"),
            release_reference_write(&ACC, &c.id, "QUOTE#q-1"),
        ])
        .await
        .unwrap();
    contacts::delete_contact(p, &ACC, &c.id, Expected(None))
        .await
        .unwrap();
    assert!(matches!(
        contacts::load_contact(p.table.as_ref(), &ACC, &c.id).await,
        Err(CoreError::NotFound)
    ));
    // A document made after the delete fails its checks instead of pointing nowhere.
    let mut writes: Vec<Write> = reference_checks(&ACC, &c.id).into();
    writes.push(reference_write(&ACC, &c.id, "INVOICE#inv-2"));
    match p.table.transact(writes).await {
        Err(TableError::TransactionCancelled { failed }) => assert_eq!(failed, [0]),
        other => panic!("{other:?}"),
    }
    // And its number is free again.
    let mut again = company("Again");
    again.number = Some(c.number.clone());
    contacts::create_contact(p, &ACC, again, false)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_delete_in_flight_blocks_new_references() {
    let env = Kit::new();
    let p = &env.ports;
    let c = contacts::create_contact(p, &ACC, company("Busy"), false)
        .await
        .unwrap();
    // The lock a delete holds while it looks for references.
    let lock = uome_core::ports::Item::new(
        uome_core::keys::contact_delete_lock_key(&ACC, &c.id),
        &json!({"since": "2026-11-21T09:00:00Z"}),
    )
    .unwrap()
    .with_expiry(env.clock.now().timestamp() + 30);
    p.table
        .put(lock, uome_core::ports::Condition::NotExists)
        .await
        .unwrap();
    let mut writes: Vec<Write> = reference_checks(&ACC, &c.id).into();
    writes.push(reference_write(&ACC, &c.id, "INVOICE#inv-1"));
    match p.table.transact(writes.clone()).await {
        Err(TableError::TransactionCancelled { failed }) => assert_eq!(failed, [1]),
        other => panic!("{other:?}"),
    }
    let err = contacts::delete_contact(p, &ACC, &c.id, Expected(None))
        .await
        .unwrap_err();
    assert_eq!(code(&err), "contact_busy");
    // A dead delete's lock expires.
    env.clock.advance(chrono::Duration::seconds(31));
    p.table.transact(writes).await.unwrap();
}

#[tokio::test]
async fn another_accounts_contact_is_not_found() {
    let env = Kit::new();
    let p = &env.ports;
    let c = contacts::create_contact(p, &ACC, company("Mine"), false)
        .await
        .unwrap();
    let t = p.table.as_ref();
    assert!(matches!(
        contacts::load_contact(t, &AccountId::from("acc-2"), &c.id).await,
        Err(CoreError::NotFound)
    ));
    let patch = json!({"company_name": "Theirs"});
    assert!(matches!(
        contacts::patch_contact(
            p,
            &AccountId::from("acc-2"),
            &c.id,
            &patch,
            Expected(None),
            false
        )
        .await,
        Err(CoreError::NotFound)
    ));
    assert!(matches!(
        contacts::delete_contact(p, &AccountId::from("acc-2"), &c.id, Expected(None)).await,
        Err(CoreError::NotFound)
    ));
    assert!(matches!(
        contacts::set_archived(p, &AccountId::from("acc-2"), &c.id, true).await,
        Err(CoreError::NotFound)
    ));
    assert!(contacts::load_contact(t, &ACC, &c.id).await.is_ok());
}

#[tokio::test]
async fn updates_check_versions_and_patches_merge() {
    let env = Kit::new();
    let p = &env.ports;
    let mut input = with_email("Acme", "acme@example.com");
    input.tags = Some(vec!["VIP".into()]);
    input.contact_persons = Some(vec![uome_core::contacts::ContactPersonInput {
        last_name: Some("Smith".into()),
        ..Default::default()
    }]);
    let c = contacts::create_contact(p, &ACC, input, false)
        .await
        .unwrap();
    let person_id = c.contact_persons[0].id.clone();

    let patched = contacts::patch_contact(
        p,
        &ACC,
        &c.id,
        &json!({"email": null, "notes": "Line 1\nLine 2", "contact_persons": [{"id": person_id, "last_name": "Smyth"}]}),
        Expected(Some(1)),
        false,
    )
    .await
    .unwrap();
    assert_eq!(patched.version, 2);
    assert_eq!(patched.email, None);
    assert_eq!(patched.tags, ["VIP"]);
    assert_eq!(patched.contact_persons[0].id, person_id);
    assert_eq!(
        patched.contact_persons[0].last_name.as_deref(),
        Some("Smyth")
    );

    let stale = contacts::patch_contact(
        p,
        &ACC,
        &c.id,
        &json!({"notes": "x"}),
        Expected(Some(1)),
        false,
    )
    .await
    .unwrap_err();
    assert_eq!(code(&stale), "version_conflict");
    let stale = contacts::patch_contact(
        p,
        &ACC,
        &c.id,
        &json!({"notes": "x", "version": 1}),
        Expected(None),
        false,
    )
    .await
    .unwrap_err();
    assert_eq!(code(&stale), "version_conflict");

    // A no-op keeps the version.
    let same = contacts::set_archived(p, &ACC, &c.id, false).await.unwrap();
    assert_eq!(same.version, 2);
    // Bad fields of a patch are all named.
    let err = contacts::patch_contact(
        p,
        &ACC,
        &c.id,
        &json!({"type": "person", "language": "xx", "bogus": 1}),
        Expected(None),
        false,
    )
    .await
    .unwrap_err();
    let CoreError::Validation(errors) = err else {
        panic!("{err:?}")
    };
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field, "bogus");
    let err = contacts::patch_contact(
        p,
        &ACC,
        &c.id,
        &json!({"type": "person", "language": "xx"}),
        Expected(None),
        false,
    )
    .await
    .unwrap_err();
    let CoreError::Validation(errors) = err else {
        panic!("{err:?}")
    };
    let fields: BTreeSet<_> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        BTreeSet::from(["first_name", "last_name", "language"])
    );
}

#[tokio::test]
async fn search_matches_prefixes_of_names_emails_and_numbers_once() {
    let env = Kit::new();
    let p = &env.ports;
    let t = p.table.as_ref();
    let acme = contacts::create_contact(p, &ACC, with_email("Acme Ltd", "acme@acme.test"), false)
        .await
        .unwrap();
    let person = ContactInput {
        first_name: Some("Zoë".into()),
        last_name: Some("Ünal".into()),
        roles: Some(vec!["vendor".into()]),
        tags: Some(vec!["Supplier".into()]),
        ..Default::default()
    };
    let zoe = contacts::create_contact(p, &ACC, person, false)
        .await
        .unwrap();
    contacts::create_contact(
        p,
        &AccountId::from("acc-2"),
        company("Acme Other Account"),
        false,
    )
    .await
    .unwrap();

    let search = |s: &str| ContactFilter {
        search: Some(s.to_string()),
        ..Default::default()
    };
    let ids =
        |page: contacts::ContactPage| page.contacts.into_iter().map(|c| c.id).collect::<Vec<_>>();
    assert_eq!(
        ids(contacts::list_contacts(t, &ACC, &search("ACME"), 50, None)
            .await
            .unwrap()),
        vec![acme.id.clone()]
    );
    assert_eq!(
        ids(contacts::list_contacts(t, &ACC, &search("acme@"), 50, None)
            .await
            .unwrap()),
        vec![acme.id.clone()]
    );
    assert_eq!(
        ids(
            contacts::list_contacts(t, &ACC, &search("cus-000"), 50, None)
                .await
                .unwrap()
        )
        .len(),
        2
    );
    assert_eq!(
        ids(contacts::list_contacts(t, &ACC, &search("ZOË ü"), 50, None)
            .await
            .unwrap()),
        vec![zoe.id.clone()]
    );
    assert_eq!(
        ids(contacts::list_contacts(t, &ACC, &search("ünal"), 50, None)
            .await
            .unwrap()),
        vec![zoe.id.clone()]
    );
    assert!(
        contacts::list_contacts(t, &ACC, &search("ltd"), 50, None)
            .await
            .unwrap()
            .contacts
            .is_empty()
    );
    assert!(
        contacts::list_contacts(t, &ACC, &search("acme#"), 50, None)
            .await
            .unwrap()
            .contacts
            .is_empty()
    );
    for odd in ["' OR 1=1 --", "%", "\u{0}", &"x".repeat(1000), "CTERM#1#"] {
        contacts::list_contacts(t, &ACC, &search(odd), 50, None)
            .await
            .unwrap();
    }

    let vendors = ContactFilter {
        role: Some(ContactRole::Vendor),
        ..Default::default()
    };
    assert_eq!(
        ids(contacts::list_contacts(t, &ACC, &vendors, 50, None)
            .await
            .unwrap()),
        vec![zoe.id.clone()]
    );
    let tagged = ContactFilter {
        tag: Some("supplier".into()),
        ..Default::default()
    };
    assert_eq!(
        ids(contacts::list_contacts(t, &ACC, &tagged, 50, None)
            .await
            .unwrap()),
        vec![zoe.id.clone()]
    );

    // Archived contacts leave the default list and the default search.
    contacts::set_archived(p, &ACC, &acme.id, true)
        .await
        .unwrap();
    assert!(
        contacts::list_contacts(t, &ACC, &search("acme"), 50, None)
            .await
            .unwrap()
            .contacts
            .is_empty()
    );
    let archived = ContactFilter {
        search: Some("acme".into()),
        archived: true,
        ..Default::default()
    };
    assert_eq!(
        ids(contacts::list_contacts(t, &ACC, &archived, 50, None)
            .await
            .unwrap()),
        [acme.id]
    );
}

#[tokio::test]
async fn filtered_pages_honour_the_limit_and_see_every_match_once() {
    let env = Kit::new();
    let p = &env.ports;
    let mut vendors = BTreeSet::new();
    for i in 0..60 {
        let mut input = company(&format!("Firm {i:02}"));
        if i % 3 == 0 {
            input.roles = Some(vec!["customer".into(), "vendor".into()]);
        }
        let c = contacts::create_contact(p, &ACC, input, false)
            .await
            .unwrap();
        if i % 3 == 0 {
            vendors.insert(c.id);
        }
    }
    let filter = ContactFilter {
        role: Some(ContactRole::Vendor),
        search: Some("firm".into()),
        ..Default::default()
    };
    let mut seen = BTreeSet::new();
    let mut start = None;
    loop {
        let page = contacts::list_contacts(p.table.as_ref(), &ACC, &filter, 7, start)
            .await
            .unwrap();
        assert!(page.contacts.len() <= 7);
        for c in page.contacts {
            assert!(seen.insert(c.id), "listed twice");
        }
        match page.next {
            Some(next) => start = Some(next),
            None => break,
        }
    }
    assert_eq!(seen, vendors);
}
