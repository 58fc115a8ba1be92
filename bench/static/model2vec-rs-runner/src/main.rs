//! embedkit bench peer: model2vec-rs.
//!
//! usage: model2vec-rs-runner <model-dir> <texts.json> [--impl 0.4.0|0.2.0] [--min-time S]
//!                            [--min-reps N] [--warmup N] [--dump K out.json]
//!
//! Loads the model from a local folder, reads a JSON array of strings, warms up, then times
//! `StaticModel::encode` (the crate's default entry point: max_length 512, one batch) over all
//! texts, repeating until at least `min-reps` passes and `min-time` seconds, and prints one JSON
//! object on stdout (median and best pass). Parallelism is whatever the crate does
//! (the `tokenizers` crate's rayon pool: set RAYON_NUM_THREADS=1 / TOKENIZERS_PARALLELISM=false
//! for one thread). `--dump K path` writes the first K vectors as JSON for a parity check.
use std::time::Instant;

/// The two crate versions behind one interface.
enum Model {
    V040(model2vec_rs::model::StaticModel),
    V020(model2vec_rs_020::model::StaticModel),
}

impl Model {
    fn load(version: &str, dir: &str) -> Model {
        match version {
            "0.4.0" => Model::V040(model2vec_rs::model::StaticModel::from_pretrained(dir, None, None, None).expect("load model")),
            "0.2.0" => Model::V020(model2vec_rs_020::model::StaticModel::from_pretrained(dir, None, None, None).expect("load model")),
            other => panic!("--impl {other}: expected 0.4.0 or 0.2.0"),
        }
    }

    fn encode(&self, texts: &[String]) -> Vec<Vec<f32>> {
        match self {
            Model::V040(m) => m.encode(texts),
            Model::V020(m) => m.encode(texts),
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: {} <model-dir> <texts.json> [--impl 0.4.0|0.2.0] [--min-time S] [--min-reps N] [--warmup N] [--dump K out.json]", args[0]);
        std::process::exit(2);
    }
    let model_dir = &args[1];
    let texts_path = &args[2];
    let mut min_reps: usize = 3;
    let mut min_time: f64 = 2.0;
    let mut warmup: usize = 1;
    let mut dump: Option<(usize, String)> = None;
    let mut version = String::from("0.4.0");
    let mut i = 3;
    while i < args.len() {
        match args[i].as_str() {
            "--min-reps" => { min_reps = args[i + 1].parse().expect("--min-reps N"); i += 2; }
            "--min-time" => { min_time = args[i + 1].parse().expect("--min-time S"); i += 2; }
            "--impl" => { version = args[i + 1].clone(); i += 2; }
            "--warmup" => { warmup = args[i + 1].parse().expect("--warmup N"); i += 2; }
            "--dump" => { dump = Some((args[i + 1].parse().expect("--dump K"), args[i + 2].clone())); i += 3; }
            other => { eprintln!("unknown argument {other}"); std::process::exit(2); }
        }
    }

    let raw = std::fs::read_to_string(texts_path).expect("read texts");
    let texts: Vec<String> = serde_json::from_str(&raw).expect("texts: JSON array of strings");

    let t_load = Instant::now();
    let model = Model::load(&version, model_dir);
    let load_s = t_load.elapsed().as_secs_f64();

    let mut checksum = 0.0f64;
    for _ in 0..warmup {
        let out = model.encode(&texts);
        checksum += out.iter().map(|v| v[0] as f64).sum::<f64>();
    }
    let mut times: Vec<f64> = Vec::new();
    let start = Instant::now();
    while times.len() < min_reps || start.elapsed().as_secs_f64() < min_time {
        let t = Instant::now();
        let out = model.encode(&texts);
        times.push(t.elapsed().as_secs_f64());
        checksum += out.iter().map(|v| v[0] as f64).sum::<f64>();
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let best = times[0];
    let median = times[times.len() / 2];

    if let Some((k, path)) = dump {
        let k = k.min(texts.len());
        let out = model.encode(&texts[..k].to_vec());
        std::fs::write(&path, serde_json::to_string(&out).unwrap()).expect("write dump");
    }

    let obj = serde_json::json!({
        "peer": "model2vec-rs",
        "version": version,
        "texts": texts.len(),
        "reps": times.len(),
        "dim": model.encode(&texts[..1.min(texts.len())].to_vec()).first().map_or(0, |v| v.len()),
        "load_s": load_s,
        "best_s": best,
        "median_s": median,
        "sentences_per_s": texts.len() as f64 / median,
        "sentences_per_s_best": texts.len() as f64 / best,
        "rayon_threads": std::env::var("RAYON_NUM_THREADS").ok(),
        "checksum": checksum,
    });
    println!("{}", obj);
}
