//! Benchmarks (next).
