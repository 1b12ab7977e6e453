using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FeeBridge.Rollout.Progress;
using FeeBridge.Rollout.Workspace;
using Microsoft.Extensions.Options;

namespace FeeBridge.Server.Rollout;

/// <summary>
/// The rollout's busiest answers written from JSON serialised once per unchanged object (docs/architecture.md
/// "Reading the rollout fast"). A municipality's task list (CONTRACTS.md §6: an array of <see cref="MunicipalTaskJson"/>,
/// every master task field included) reuses each task's JSON while it is the same task object (the store's read cache
/// hands out one object per task and revision), on the same day (for <c>overdue</c>) with the same evidence; KOMBIT's
/// progress reuses its JSON while the store hands out the same count. A changed task or count is a new object, so its
/// old JSON goes with the old object (a <see cref="ConditionalWeakTable{TKey, TValue}"/>: nothing to invalidate,
/// nothing kept for what is no longer read). The serialiser's options are the ones <c>Results.Ok</c> uses, so the
/// bytes are the ones it would write.
/// </summary>
public sealed class RolloutJsonCache(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> options)
{
    private const string JsonType = "application/json; charset=utf-8";

    private sealed record Written(DateOnly Today, IReadOnlyList<EvidenceJson> Evidence, byte[] Json);

    private readonly ConditionalWeakTable<MunicipalTask, Written> _tasks = new();
    private readonly ConditionalWeakTable<ProjectProgress, byte[]> _progress = new();

    /// <summary>A 200 answer with the JSON array of <paramref name="tasks"/>, each with its evidence.</summary>
    public IResult TaskList(IReadOnlyList<MunicipalTask> tasks, DateOnly today, Func<MunicipalTask, IReadOnlyList<EvidenceJson>> evidenceOf)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, tasks.Count * 3000));
        buffer.Write("["u8);
        for (var i = 0; i < tasks.Count; i++)
        {
            if (i > 0) buffer.Write(","u8);
            buffer.Write(JsonOf(tasks[i], today, evidenceOf(tasks[i])));
        }
        buffer.Write("]"u8);
        return Results.Bytes(buffer.WrittenMemory, JsonType);
    }

    /// <summary>A 200 answer with <paramref name="progress"/> as JSON.</summary>
    public IResult Progress(ProjectProgress progress) =>
        Results.Bytes(_progress.GetValue(progress, p => JsonSerializer.SerializeToUtf8Bytes(p, options.Value.SerializerOptions)), JsonType);

    private byte[] JsonOf(MunicipalTask task, DateOnly today, IReadOnlyList<EvidenceJson> evidence)
    {
        if (_tasks.TryGetValue(task, out var w) && w.Today == today && w.Evidence.SequenceEqual(evidence)) return w.Json;
        var json = JsonSerializer.SerializeToUtf8Bytes(MunicipalTaskJson.From(task, today, evidence), options.Value.SerializerOptions);
        _tasks.AddOrUpdate(task, new Written(today, evidence, json));
        return json;
    }
}
