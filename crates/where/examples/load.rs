//! Times loading the built-in gazetteer: `cargo run --release -p dyad-where --example load`.
fn main() {
    let t = std::time::Instant::now();
    match dyad_where::Gazetteer::builtin() {
        Ok(g) => println!("{} places in {:.3} s", g.len(), t.elapsed().as_secs_f64()),
        Err(e) => eprintln!("{e}"),
    }
}
