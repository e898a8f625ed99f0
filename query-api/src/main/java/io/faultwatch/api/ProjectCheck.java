package io.faultwatch.api;

import io.vertx.core.Future;

/** Every project route answers 404 for a project that does not exist rather than an empty result. */
final class ProjectCheck {

    private ProjectCheck() {
    }

    static Future<Void> requireProject(IssueStore issues, long projectId) {
        return requireProject(issues, projectId, "id");
    }

    /** @param field where the request named the project: the path's id, or a query parameter */
    static Future<Void> requireProject(IssueStore issues, long projectId, String field) {
        return issues.projectExists(projectId).compose(exists -> exists
                ? Future.succeededFuture()
                : Future.failedFuture(ApiException.notFound(field, "project " + projectId + " does not exist")));
    }
}
