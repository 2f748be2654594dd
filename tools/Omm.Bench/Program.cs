using Omm.Bench;

const string usage = """
    Omm.Bench: the benchmarks the project carries (not unit tests).
      imap [MESSAGES] [ROUNDS]  IMAP to IMAP between two throwaway Dovecot servers, against mbsync (default 5000 messages, about 480 MB; 3 rounds)
      ews [MESSAGES] [ROUNDS]   Dovecot to the EWS test server and back, MESSAGES small messages (default 3000, 8-12 KB: 30 MB) then as many bytes in 1-2 MB messages and one of 20 MB (2 rounds): speed and peak RSS side by side
      ews-groupware [CONTACTS]  contacts, events (a tenth of them series with exceptions) and tasks from files into the EWS test server, to Radicale, a sync, and back into Exchange (default 1000 contacts, 500 events, 100 tasks): items/s
      soak [MESSAGES] [CUTS] [SEED]  the IMAP workload through proxies that cut connections at random points (default 5000 messages, at most 30 cuts): every message exactly once?
      pst FILE [ROUNDS]   read every item of a PST (MIME rebuilt), and readpst on the same file: items/s side by side
      serve [MESSAGES]    seed the IMAP workload once, then a full Omm pass into a fresh account per line of input (NAME=VALUE lines set variables): for investigating one figure
      heap DUMP [TOP] [TYPE]     what a dump written with OMM_BENCH_HEAPDUMP=DUMP holds, summed by type (default the top 40); with TYPE, how the first object of that type is reachable
      alloc TRACE [TOP]   what a pass traced with OMM_BENCH_TRACE and OMM_BENCH_TRACE_ALLOCATIONS=1 allocated, by type
      throttle [MESSAGES] [MSG/S] [BYTES/S]  migrations under throughput caps (default 400 messages, 20 msg/s, 2000000 bytes/s): achieved rates against the caps, within 10 %?
    """;

if (args.Length >= 7 && args[0] == PassProcess.Verb)
    return await PassProcess.MainAsync(args);
if (args.Length >= 1 && args[0] == "imap")
    return ImapBenchmark.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3);
if (args.Length >= 1 && args[0] == "ews-groupware")
    return await EwsGroupwareBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000);
if (args.Length >= 1 && args[0] == "ews")
    return await EwsBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2);
if (args.Length >= 1 && args[0] == "throttle")
    return ThrottleBenchmark.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 400,
        args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20,
        args.Length > 3 ? long.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 2_000_000);
if (args.Length >= 1 && args[0] == "serve")
    return ServeBenchmark.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5000);
if (args.Length >= 1 && args[0] == "soak")
    return SoakBenchmark.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 30,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1);
if (args.Length >= 2 && args[0] == "heap")
    return HeapDump.Summarise(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 40, args.Length > 3 ? args[3] : null);
if (args.Length >= 2 && args[0] == "alloc")
    return AllocationSummary.Run(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 30);
if (args.Length >= 2 && args[0] == "pst")
    return PstBenchmark.Run(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 50);

Console.Error.WriteLine(usage);
return 2;
