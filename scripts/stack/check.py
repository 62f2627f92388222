#!/usr/bin/env python3
"""Hold infra/template.yaml to the code (issue 17's consistency checks).

  check.py TEMPLATE ROUTES.json WORKSPACE

- Every function crate under WORKSPACE/functions (but `local`, which is the
  local server, not a Lambda) has a `[[bin]]`, and the template has an
  AWS::Serverless::Function building exactly that binary
  (`Metadata.BuildMethod: rust-cargolambda`, `BuildProperties.Binary`,
  `CodeUri: ../`); every such template function builds a binary a crate
  has.
- Every route of ROUTES.json (`cargo run -p uome-system --example routes`:
  each HTTP function's routes from its OpenAPI description, the `web`
  function's HTML pages from its own list) is an
  `HttpApi` event of the template function that serves it, and no
  `HttpApi` event names a route its function does not serve.
- Every function's `main` names the AWS services its cold start builds
  clients for (`uome_runtime::Services::TABLE.with_mail()...`), and they
  are exactly the uome-runtime features its Cargo.toml enables (s3 for
  `with_blobs`, sesv2 for `with_mail`, sqs for `with_queue`): the features
  decide what a package-alone build links, the names what every build,
  feature-unified or not, builds in init (shared/runtime/src/services.rs).
- Every function crate's build script is shared/runtime/build/non_pie.rs,
  which links its binary without PIE: the loader's relocations were a
  fifth of a cold start (docs/cold-starts.md).
- Every function's `main` runs on tokio's current-thread runtime: a
  Lambda environment hands its process one event at a time, and the
  multi-threaded runtime's worker threads, started in init and woken
  across threads on every await, cost about a seventh of `catalogue`'s
  init (docs/cold-starts.md, "Fifth round").

The template is read with cfn-lint's CloudFormation YAML loader. Prints
each problem; exit 1 when there is any.
"""
import json
import pathlib
import re
import sys
import tomllib

from cfnlint.decode import decode


def function_crates(workspace):
    """(directory, parsed Cargo.toml) of every function crate but `local`."""
    for manifest in sorted(pathlib.Path(workspace, "functions").glob("*/Cargo.toml")):
        if manifest.parent.name != "local":
            yield manifest.parent, tomllib.loads(manifest.read_text())


def crate_binaries(workspace):
    return {
        crate.name: [b["name"] for b in cargo.get("bin", [])]
        for crate, cargo in function_crates(workspace)
    }


SERVICE_FEATURES = {"with_blobs": "s3", "with_mail": "sesv2", "with_queue": "sqs"}


def service_problems(workspace):
    problems = []
    for crate, cargo in function_crates(workspace):
        runtime = cargo.get("dependencies", {}).get("uome-runtime")
        if runtime is None:
            continue
        features = set(runtime.get("features", [])) if isinstance(runtime, dict) else set()
        main_rs = (crate / "src" / "main.rs").read_text()
        if "Services::TABLE" not in main_rs:
            problems.append(f"functions/{crate.name}: main.rs names no uome_runtime::Services")
            continue
        named = {SERVICE_FEATURES[m] for m in re.findall(r"\.(with_\w+)\(\)", main_rs) if m in SERVICE_FEATURES}
        if named != features:
            problems.append(
                f"functions/{crate.name}: main.rs names services {sorted(named)} "
                f"but Cargo.toml enables uome-runtime features {sorted(features)}"
            )
    return problems


NON_PIE = "../../shared/runtime/build/non_pie.rs"


def build_script_problems(workspace):
    problems = []
    for crate, cargo in function_crates(workspace):
        build = cargo.get("package", {}).get("build")
        if build != NON_PIE:
            problems.append(f"functions/{crate.name}: Cargo.toml's build is {build!r}, not {NON_PIE!r}")
    return problems


ONE_THREAD = '#[tokio::main(flavor = "current_thread")]'


def runtime_problems(workspace):
    problems = []
    for crate, _ in function_crates(workspace):
        main_rs = (crate / "src" / "main.rs").read_text()
        if ONE_THREAD not in main_rs:
            problems.append(f"functions/{crate.name}: main.rs does not run on {ONE_THREAD}")
    return problems


def main(argv):
    template_path, routes_path, workspace = argv[1:4]
    template, problems = decode(template_path)
    if problems:
        for p in problems:
            print(f"template: {p}")
        return 1
    served = {name: {tuple(r) for r in routes} for name, routes in json.load(open(routes_path)).items()}
    errors = []

    functions = {}
    for logical, resource in template["Resources"].items():
        if resource.get("Type") != "AWS::Serverless::Function":
            continue
        meta = resource.get("Metadata", {})
        props = resource.get("Properties", {})
        binary = meta.get("BuildProperties", {}).get("Binary")
        if meta.get("BuildMethod") != "rust-cargolambda":
            errors.append(f"{logical}: Metadata.BuildMethod is not rust-cargolambda")
        if props.get("CodeUri") != "../":
            errors.append(f"{logical}: CodeUri is not ../ (the workspace)")
        if not binary:
            errors.append(f"{logical}: no Metadata.BuildProperties.Binary")
            continue
        if binary in functions:
            errors.append(f"{logical}: binary {binary} is built by {functions[binary][0]} too")
        events = set()
        for name, event in (props.get("Events") or {}).items():
            if event.get("Type") == "HttpApi":
                p = event.get("Properties", {})
                events.add((p.get("Method"), p.get("Path")))
        functions[binary] = (logical, events)

    crates = crate_binaries(workspace)
    for crate, bins in crates.items():
        if not bins:
            errors.append(f"functions/{crate}: no [[bin]]")
        for b in bins:
            if b not in functions:
                errors.append(f"functions/{crate}: binary {b} has no function in the template")
    all_bins = {b for bins in crates.values() for b in bins}
    for binary, (logical, _) in functions.items():
        if binary not in all_bins:
            errors.append(f"{logical}: builds binary {binary}, which no function crate has")

    for binary, routes in served.items():
        if binary not in functions:
            errors.append(f"{binary}: serves {len(routes)} routes but has no function in the template")
            continue
        logical, events = functions[binary]
        for method, path in sorted(routes - events):
            errors.append(f"{logical}: serves {method} {path} but has no HttpApi event for it")
        for method, path in sorted(events - routes):
            errors.append(f"{logical}: HttpApi event {method} {path} names a route it does not serve")
    for binary, (logical, events) in functions.items():
        if binary not in served and events:
            errors.append(f"{logical}: has HttpApi events but serves no routes")

    errors.extend(service_problems(workspace))
    errors.extend(build_script_problems(workspace))
    errors.extend(runtime_problems(workspace))

    for e in errors:
        print(e)
    routes = sum(len(r) for r in served.values())
    print(f"stack: {len(functions)} functions, {len(crates)} function crates, {routes} routes: "
          f"{'consistent' if not errors else f'{len(errors)} problems'}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
