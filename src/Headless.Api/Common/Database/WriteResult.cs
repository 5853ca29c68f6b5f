namespace Headless.Api.Common.Database;

/// <summary>How a conditional write ended.</summary>
public enum WriteOutcome
{
    /// <summary>Written.</summary>
    Saved,

    /// <summary>No such row.</summary>
    NotFound,

    /// <summary>A uniqueness rule refused it (a taken slug).</summary>
    Conflict,

    /// <summary>The row exists but its version is not one the caller's If-Match allows; <see cref="WriteResult.Version"/> is the current one.</summary>
    PreconditionFailed,
}

/// <summary>The outcome of a write, with the row's id and (after a write, or when it did not match) its current version.</summary>
public readonly record struct WriteResult(WriteOutcome Outcome, long Id = 0, long Version = 0)
{
    public static WriteResult NotFound => new(WriteOutcome.NotFound);
}
