namespace Headless.Api.Features.Articles;

/// <summary>Which workflow operations each status allows.</summary>
public static class ArticleWorkflow
{
    public static IReadOnlyList<ArticleTransition> Allowed(ArticleStatus status) => status switch
    {
        ArticleStatus.Draft => [ArticleTransition.Publish, ArticleTransition.Schedule, ArticleTransition.Archive],
        ArticleStatus.Scheduled => [ArticleTransition.Publish, ArticleTransition.Unpublish, ArticleTransition.Schedule, ArticleTransition.Archive],
        ArticleStatus.Published => [ArticleTransition.Unpublish, ArticleTransition.Archive],
        ArticleStatus.Archived => [ArticleTransition.Publish, ArticleTransition.Unpublish],
        _ => [],
    };

    public static string Name(this ArticleTransition transition) => transition.ToString().ToLowerInvariant();
}
