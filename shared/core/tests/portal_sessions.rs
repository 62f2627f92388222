//! The web portal's sessions (`uome_core::portal_sessions`): a live portal
//! token starts one; it ends on sign-out, when the token is revoked or
//! replaced, and when the token expires; only hashes are stored.

mod kit;

use chrono::Duration;
use kit::Kit;
use uome_core::portal;
use uome_core::portal_sessions::{end, resume, start};
use uome_domain::ContactId;

#[tokio::test]
async fn a_session_lives_as_long_as_its_token() {
    let kit = Kit::new();
    let account = kit.owner(true).await;
    let contact = ContactId::from("c-1".to_string());
    let issued = portal::issue(&kit.ports, &account.account_id, &contact)
        .await
        .unwrap();

    assert!(start(&kit.ports, "not-a-token").await.unwrap().is_none());
    assert!(start(&kit.ports, "").await.unwrap().is_none());

    let started = start(&kit.ports, &issued.token).await.unwrap().unwrap();
    assert_eq!(started.session.contact_id, contact);
    assert_eq!(started.session.expires_at, issued.expires_at);
    assert_ne!(started.id, issued.token);
    let resumed = resume(&kit.ports, &started.id).await.unwrap().unwrap();
    assert_eq!(resumed.account_id, account.account_id);
    assert!(
        resume(&kit.ports, "someone-elses-id")
            .await
            .unwrap()
            .is_none()
    );

    // Neither the session id nor the token is stored in clear.
    let mut raw = Vec::new();
    for file in ["uome.sqlite3", "uome.sqlite3-wal"] {
        raw.extend(std::fs::read(kit.dir.path().join(file)).unwrap_or_default());
    }
    let raw = String::from_utf8_lossy(&raw);
    assert!(
        raw.contains("WEBSESSION#"),
        "the session is in the table files"
    );
    assert!(!raw.contains(&started.id) && !raw.contains(&issued.token));

    // Sign-out ends it; ending twice is fine.
    end(&kit.ports, &started.id).await.unwrap();
    end(&kit.ports, &started.id).await.unwrap();
    assert!(resume(&kit.ports, &started.id).await.unwrap().is_none());

    // A new token for the contact replaces the old one and ends its sessions.
    let second = start(&kit.ports, &issued.token).await.unwrap().unwrap();
    portal::issue(&kit.ports, &account.account_id, &contact)
        .await
        .unwrap();
    assert!(resume(&kit.ports, &second.id).await.unwrap().is_none());
}

#[tokio::test]
async fn a_session_ends_when_its_token_is_revoked_or_expires() {
    let kit = Kit::new();
    let account = kit.owner(true).await;
    let contact = ContactId::from("c-2".to_string());
    let issued = portal::issue(&kit.ports, &account.account_id, &contact)
        .await
        .unwrap();
    let revoked = start(&kit.ports, &issued.token).await.unwrap().unwrap();
    portal::revoke(&kit.ports, &account.account_id, &contact)
        .await
        .unwrap();
    assert!(resume(&kit.ports, &revoked.id).await.unwrap().is_none());

    let issued = portal::issue(&kit.ports, &account.account_id, &contact)
        .await
        .unwrap();
    let expiring = start(&kit.ports, &issued.token).await.unwrap().unwrap();
    kit.clock.advance(Duration::days(29));
    assert!(resume(&kit.ports, &expiring.id).await.unwrap().is_some());
    kit.clock.advance(Duration::days(2));
    assert!(resume(&kit.ports, &expiring.id).await.unwrap().is_none());
}
