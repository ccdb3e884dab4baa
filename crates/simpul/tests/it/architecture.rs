//! The shape of the code, checked: capabilities are reached only through their front door
//! (`features/<x>/mod.rs`), depend on each other one way only, and infrastructure never calls
//! up into them.

use std::{
    collections::{BTreeMap, BTreeSet},
    path::{Path, PathBuf},
};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(rust_files(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
}

/// The source without `//` comments (doc comments name other modules in prose).
fn code(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn capabilities() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(src().join("features"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Capabilities named in `text` through `features::…` paths (`features::news::x`,
/// `features::{kim, news}`).
fn named_capabilities(text: &str, all: &[String]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find("features::") {
        rest = &rest[i + "features::".len()..];
        if let Some(inner) = rest.strip_prefix('{') {
            // A group: take the top-level names up to the matching brace.
            let mut depth = 1;
            let mut name = String::new();
            let mut at_top = true;
            for c in inner.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => {
                        if at_top && all.contains(&name) {
                            out.insert(name.clone());
                        }
                        at_top = true;
                        name.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 1 && at_top {
                    if c.is_alphanumeric() || c == '_' {
                        name.push(c);
                    } else if !name.is_empty() {
                        if all.contains(&name) {
                            out.insert(name.clone());
                        }
                        at_top = false;
                    }
                }
            }
            if at_top && all.contains(&name) {
                out.insert(name);
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if all.contains(&name) {
                out.insert(name);
            }
        }
    }
    out
}

/// Which capabilities each capability uses.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let all = capabilities();
    let mut graph = BTreeMap::new();
    for x in &all {
        let mut deps = BTreeSet::new();
        for f in rust_files(&src().join("features").join(x)) {
            deps.extend(named_capabilities(&code(&f), &all));
        }
        deps.remove(x);
        graph.insert(x.clone(), deps);
    }
    graph
}

#[test]
fn the_parser_reads_both_kinds_of_path() {
    let all: Vec<String> = ["kim", "news", "regions"].map(String::from).to_vec();
    let text = "use crate::{features::{kim, news::ArticleRow}, infra::db};\nlet r = crate::features::regions::list();";
    assert_eq!(named_capabilities("features::{kim, news}", &all).len(), 2);
    assert_eq!(named_capabilities(text, &all), all.iter().cloned().collect());
}

#[test]
fn capabilities_depend_on_each_other_one_way_only() {
    let graph = dependencies();
    // Depth-first search for a path back to where it started.
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut cycle = path[i..].to_vec();
            cycle.push(n.to_owned());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_owned());
        for d in graph.get(n).into_iter().flatten() {
            if let Some(c) = visit(d, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for n in graph.keys() {
        if let Some(cycle) = visit(n, &graph, &mut Vec::new(), &mut done) {
            panic!("capabilities depend on each other in a cycle: {}", cycle.join(" → "));
        }
    }
    // The graph is real: the newsroom builds on the KIM registry's people, search on news.
    assert!(graph["search"].contains("news") && graph["news"].contains("accounts"), "{graph:?}");
}

#[test]
fn only_a_capability_reaches_its_own_repo_and_pages() {
    let all = capabilities();
    let mut offenders = Vec::new();
    for f in rust_files(&src()).into_iter().chain(rust_files(&src().join("../tests"))) {
        let text = code(&f);
        for x in &all {
            let own = f.starts_with(src().join("features").join(x));
            for inner in ["repo", "html", "api", "service", "desk", "workflow"] {
                if !own && text.contains(&format!("{x}::{inner}::")) {
                    offenders.push(format!("{} uses {x}::{inner}", f.display()));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "use the capability's front door instead:\n{}", offenders.join("\n"));
}

#[test]
fn a_capabilitys_modules_are_private() {
    for x in capabilities() {
        let front = code(&src().join("features").join(&x).join("mod.rs"));
        if let Some(line) = front.lines().find(|l| l.trim_start().starts_with("pub mod ")) {
            panic!("features/{x}/mod.rs exports a whole module ({}): export the items others need", line.trim());
        }
    }
}

#[test]
fn infrastructure_never_calls_up_into_capabilities() {
    for f in rust_files(&src().join("infra")).into_iter().chain(rust_files(&src().join("domain"))) {
        let text = code(&f);
        assert!(
            !text.contains("crate::features") && !text.contains("crate::app::") && !text.contains("crate::web::"),
            "{} reaches up into the application",
            f.display()
        );
    }
}
