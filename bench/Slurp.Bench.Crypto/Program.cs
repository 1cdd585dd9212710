using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Slurp.Bench.Crypto.WritePipelineBenchmarks).Assembly).Run(args);
