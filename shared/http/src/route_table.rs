//! A function's route table, written once and built two ways.
//!
//! `route_table! { pub fn api, pub fn router => (a, b), (c) }` defines
//!
//! - `api()`: every route with its OpenAPI description (utoipa-axum's
//!   `routes!`), for the document, the local server and the tests;
//! - `router()`: the same routes without the descriptions, for the
//!   function's Lambda. Assembling the descriptions was a quarter of a
//!   cold start's init (docs/cold-starts.md) for a document the Lambda
//!   never serves; here each handler gives only its path and methods,
//!   which utoipa generates as constants.
//!
//! Each parenthesised group is the handlers of one path, as `routes!`
//! takes them. Both functions come from the one list, so they cannot
//! serve different routes; `functions/system/tests/routers.rs` checks it.
//!
//! The expansion names `utoipa`, `utoipa_axum` and `axum`, which every
//! function crate depends on.

#[macro_export]
macro_rules! route_table {
    // Handlers are taken as `::`-separated identifiers rather than `path`
    // fragments: utoipa-axum's `routes!` reads a handler's segments one by
    // one, which an already-parsed `path` no longer offers.
    ( $va:vis fn $api:ident, $vr:vis fn $router:ident
      => $( ( $( $head:ident $(:: $tail:ident)* ),+ $(,)? ) ),+ $(,)? ) => {
        /// Every route of the function with its OpenAPI description.
        $va fn $api() -> ::utoipa_axum::router::OpenApiRouter<$crate::AppContext> {
            ::utoipa_axum::router::OpenApiRouter::new()
                $( .routes(::utoipa_axum::routes!( $( $head $(:: $tail)* ),+ )) )+
        }

        /// The same routes without their OpenAPI descriptions: what the
        /// function's Lambda serves.
        $vr fn $router() -> ::axum::Router<$crate::AppContext> {
            ::axum::Router::new()
                $( .route(
                    &$crate::route_table!(@path $( [ $head $(:: $tail)* ] ),+),
                    $crate::route_table!(@methods $( [ $head $(:: $tail)* ] ),+),
                ) )+
        }
    };
    (@path [ $($first:tt)+ ] $(, [ $($rest:tt)+ ])*) => {
        ::utoipa_axum::routes!(@path [path()] of $($first)+)
    };
    (@methods $( [ $($handler:tt)+ ] ),+) => {{
        #[allow(unused_imports)]
        use ::utoipa_axum::PathItemExt as _;
        let router = ::axum::routing::MethodRouter::new();
        $(
            let router = ::utoipa_axum::routes!(@path [methods()] of $($handler)+)
                .iter()
                .fold(router, |router, method| router.on(method.to_method_filter(), $($handler)+));
        )+
        router
    }};
}
