using BenchmarkDotNet.Running;

// Stage benchmarks of one assessment (bench/stages.sh): read text, assemble the case, infer, explain, the full JSON
// with next tests and sensitivity, serialise, and the report. Run in Release; pass BenchmarkDotNet arguments through.
BenchmarkSwitcher.FromAssembly(typeof(MyeloDx.Bench.StageBenchmarks).Assembly).Run(args);
