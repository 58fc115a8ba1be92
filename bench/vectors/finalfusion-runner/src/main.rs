//! Bench-only peer for bench/vectors: finalfusion (the crate, default features) on the same file and
//! words as embedkit. Two commands:
//!
//!   finalfusion-runner generate OUT.fifu WORDS.txt DIM BUCKET_EXP SEED
//!       writes a bucket-subword finalfusion file with finalfusion's own writer: the words of WORDS.txt
//!       (one per line), random unit rows for the words (norms kept in NdNorms), random rows for the
//!       2^BUCKET_EXP n-gram buckets (min_n 3, max_n 6, the finalfusion defaults).
//!
//!   finalfusion-runner bench FILE.fifu KNOWN.txt UNKNOWN.txt QUERIES.txt MIN_SECONDS K
//!       times, the way finalfusion's own benches do (benches/array.rs: `embedding(word)` per word,
//!       cycling through a word list), lookups of known and unknown words with the file read into memory
//!       and mapped, `embedding_batch` over the whole list, and `word_similarity(word, K, None)` per query
//!       word. Prints one JSON object per line: {"case": ..., "ns_per_op": ..., "ops": ...}.
use std::fs::File;
use std::hint::black_box;
use std::io::{BufRead, BufReader, BufWriter};
use std::time::Instant;

use finalfusion::io::WriteEmbeddings;
use finalfusion::norms::NdNorms;
use finalfusion::prelude::*;
use finalfusion::similarity::WordSimilarity;
use finalfusion::storage::NdArray;
use finalfusion::subword::{BucketIndexer, FinalfusionHashIndexer};
use finalfusion::vocab::BucketSubwordVocab;
use ndarray::{Array1, Array2};

fn read_lines(path: &str) -> Vec<String> {
    let f = File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    BufReader::new(f).lines().map(|l| l.unwrap()).filter(|l| !l.is_empty()).collect()
}

// xorshift64*: deterministic values without pulling in a RNG crate.
struct Rng(u64);
impl Rng {
    fn next_f32(&mut self) -> f32 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545F4914F6CDD1D);
        ((x >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
    }
}

fn generate(args: &[String]) {
    let out = &args[0];
    let words = read_lines(&args[1]);
    let dim: usize = args[2].parse().unwrap();
    let exp: usize = args[3].parse().unwrap();
    let mut rng = Rng(args[4].parse::<u64>().unwrap() | 1);
    let rows = words.len() + (1usize << exp);
    let mut m = Array2::<f32>::zeros((rows, dim));
    for v in m.iter_mut() {
        *v = rng.next_f32();
    }
    let mut norms = Array1::<f32>::zeros(words.len());
    for i in 0..words.len() {
        let mut row = m.row_mut(i);
        let n = row.dot(&row).sqrt();
        row /= n;
        norms[i] = n;
    }
    let vocab = BucketSubwordVocab::new(words, 3, 6, FinalfusionHashIndexer::new(exp));
    let embeds = Embeddings::new(None, vocab, NdArray::new(m), NdNorms::new(norms));
    let mut w = BufWriter::new(File::create(out).unwrap());
    embeds.write_embeddings(&mut w).unwrap();
}

// Runs `op` over the items in rounds until min_s seconds have passed; returns ns per item.
fn time_per_item<T>(items: &[T], min_s: f64, mut op: impl FnMut(&T)) -> (f64, usize) {
    for it in items.iter().take(1000) {
        op(it); // warm-up
    }
    let start = Instant::now();
    let mut n = 0usize;
    loop {
        for it in items {
            op(it);
        }
        n += items.len();
        let el = start.elapsed().as_secs_f64();
        if el >= min_s {
            return (el * 1e9 / n as f64, n);
        }
    }
}

fn report(case: &str, (ns, n): (f64, usize)) {
    println!("{{\"case\":\"{case}\",\"ns_per_op\":{ns:.3},\"ops\":{n}}}");
}

fn bench_lookups(name: &str, e: &Embeddings<VocabWrap, StorageViewWrap>, known: &[String], unknown: &[String], min_s: f64) {
    report(&format!("{name}-known"), time_per_item(known, min_s, |w| {
        black_box(e.embedding(w));
    }));
    report(&format!("{name}-unknown"), time_per_item(unknown, min_s, |w| {
        black_box(e.embedding(w));
    }));
    // embedding_batch: the whole list per call (copies every row into one matrix, as embedkit does).
    for (label, list) in [("known", known), ("unknown", unknown)] {
        let start = Instant::now();
        let mut n = 0usize;
        while start.elapsed().as_secs_f64() < min_s {
            black_box(e.embedding_batch(list));
            n += list.len();
        }
        report(&format!("{name}-batch-{label}"), (start.elapsed().as_secs_f64() * 1e9 / n as f64, n));
    }
}

fn bench(args: &[String]) {
    let file = &args[0];
    let known = read_lines(&args[1]);
    let unknown = read_lines(&args[2]);
    let queries = read_lines(&args[3]);
    let min_s: f64 = args[4].parse().unwrap();
    let k: usize = args[5].parse().unwrap();

    let t = Instant::now();
    let e: Embeddings<VocabWrap, StorageViewWrap> =
        Embeddings::read_embeddings(&mut BufReader::new(File::open(file).unwrap())).unwrap();
    report("load-array", (t.elapsed().as_secs_f64() * 1e9, 1));
    bench_lookups("array", &e, &known, &unknown, min_s);
    // One query at a time, all word rows at once (batch_size None, the default use).
    report("similarity-one", time_per_item(&queries, min_s, |w| {
        black_box(e.word_similarity(w, k, None));
    }));
    // The first query's top-k, for the parity check in run.js.
    let top = e.word_similarity(&queries[0], k, None).unwrap();
    let words: Vec<String> = top.iter().map(|r| format!("\"{}\"", r.word().replace('\\', "\\\\").replace('"', "\\\""))).collect();
    println!("{{\"case\":\"top\",\"query\":{:?},\"words\":[{}]}}", queries[0], words.join(","));
    drop(e);

    let m: Embeddings<VocabWrap, StorageViewWrap> =
        Embeddings::mmap_embeddings(&mut BufReader::new(File::open(file).unwrap())).unwrap();
    bench_lookups("mmap", &m, &known, &unknown, min_s);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("generate") if args.len() == 7 => generate(&args[2..]),
        Some("bench") if args.len() == 8 => bench(&args[2..]),
        _ => {
            eprintln!("usage: finalfusion-runner generate OUT WORDS DIM BUCKET_EXP SEED | bench FILE KNOWN UNKNOWN QUERIES MIN_S K");
            std::process::exit(2);
        }
    }
}
