namespace Omm.Bench;

/// <summary>One measured process: wall time, peak RSS, its CPU time (and the kernel's part), and the whole machine's CPU time meanwhile.</summary>
internal readonly record struct Run(TimeSpan Time, long PeakKb, TimeSpan Cpu, TimeSpan KernelCpu, TimeSpan MachineCpu);
