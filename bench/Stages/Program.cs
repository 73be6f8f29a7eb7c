using BenchmarkDotNet.Running;

// Stage benchmarks of one assessment (bench/stages.sh): read text, assemble the case, infer, explain, the full JSON
// with next tests and sensitivity, serialise, and the report; `profile` splits the document into its parts (Profile.cs). Run in Release; pass BenchmarkDotNet arguments through.
if (args.Length > 0 && args[0] == "profile") MyeloDx.Bench.Profile.Run(args);
else BenchmarkSwitcher.FromAssembly(typeof(MyeloDx.Bench.StageBenchmarks).Assembly).Run(args);
