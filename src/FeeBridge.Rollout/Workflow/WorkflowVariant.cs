namespace FeeBridge.Rollout.Workflow;

/// <summary>Which side of the change a flow shows (CONTRACTS.md §6 <c>workflow.bpmn?variant=before|after</c>).</summary>
public enum WorkflowVariant
{
    /// <summary>Before FeeBridge: the library collects; what the municipality collects reaches FBS in night runs.</summary>
    Before,

    /// <summary>With FeeBridge: claims go to the debtor system from each library's cut-over date, payments come back in seconds.</summary>
    After,
}

public static class WorkflowVariants
{
    /// <summary><c>before</c> or <c>after</c> (as the API names them); anything else is not a variant.</summary>
    public static bool TryParse(string? text, out WorkflowVariant variant)
    {
        (var ok, variant) = text switch
        {
            "before" => (true, WorkflowVariant.Before),
            "after" => (true, WorkflowVariant.After),
            _ => (false, WorkflowVariant.After),
        };
        return ok;
    }

    public static string WireName(this WorkflowVariant v) => v == WorkflowVariant.Before ? "before" : "after";

    /// <summary>"Før FeeBridge" / "Med FeeBridge".</summary>
    public static string Title(this WorkflowVariant v) => v == WorkflowVariant.Before ? "Før FeeBridge" : "Med FeeBridge";

    /// <summary>Inside a sentence: "før FeeBridge" / "med FeeBridge".</summary>
    public static string Phrase(this WorkflowVariant v) => v == WorkflowVariant.Before ? "før FeeBridge" : "med FeeBridge";
}
