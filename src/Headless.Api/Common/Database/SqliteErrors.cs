using Microsoft.Data.Sqlite;

namespace Headless.Api.Common.Database;

/// <summary>SQLite-only: recognising constraint failures so stores can answer them as expected outcomes.</summary>
public static class SqliteErrors
{
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintForeignKey = 787;

    public static bool IsUniqueViolation(this SqliteException ex) =>
        ex.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey;

    public static bool IsForeignKeyViolation(this SqliteException ex) =>
        ex.SqliteExtendedErrorCode == SqliteConstraintForeignKey;
}
