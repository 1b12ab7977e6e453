using FeeBridge.Bench;

// FeeBridge's benchmarks. Each scenario measures FeeBridge and, in the same run, a baseline, and reports ratios;
// bench/run.sh starts the PostgreSQL it needs. Figures go to docs/performance.md with the command.
var options = BenchOptions.Parse(args);
switch (options.Scenario)
{
    case "intake":
        await IntakeScenario.RunAsync(options);
        break;
    case "transfer":
        await TransferScenario.RunAsync(options);
        break;
    case "feedback":
        await FeedbackScenario.RunAsync(options);
        break;
    case "loop":
        await LoopScenario.RunAsync(options);
        break;
    case "citizen":
        await CitizenScenario.RunAsync(options);
        break;
    case "rollout":
        await RolloutScenario.RunAsync(options);
        break;
    case "selection":
        await SelectionScenario.RunAsync(options);
        break;
    case "drafts":
        await DraftsScenario.RunAsync(options);
        break;
    case "staff":
        await StaffScenario.RunAsync(options);
        break;
    default:
        Console.Error.WriteLine("usage: bench/run.sh intake|transfer|feedback|loop|citizen|rollout|selection|drafts|staff [--claims N] [--seconds N] [--think-ms N] [--events N] [--payments N] [--clients N] [--stores sqlite,postgres]");
        return 2;
}
return 0;
