// Posts a pull request comment that later runs edit in place instead of adding another one: the comment
// starts with a hidden marker, and the run looks for its own earlier comment by that marker.
// Called from actions/github-script, which hands in an authenticated Octokit (`github`) and `context`.

/** GitHub refuses comments longer than 65,536 characters; keep room for the marker and the note. */
const MAX_BODY = 60_000;

/** Cuts a Markdown text to fit a comment, closing a code block left open by the cut. */
function fitComment(text, fullTextUrl) {
  if (text.length <= MAX_BODY) return text;
  let cut = text.slice(0, MAX_BODY);
  cut = cut.slice(0, cut.lastIndexOf("\n") + 1);
  const openFences = (cut.match(/^\s*```/gm) || []).length;
  if (openFences % 2 === 1) cut += "```\n";
  return `${cut}\n… cut short to fit a comment: the whole summary is in [the job summary](${fullTextUrl}).\n`;
}

async function stickyComment({ github, context, marker, body }) {
  const { owner, repo } = context.repo;
  const issue_number = context.payload.pull_request.number;
  const runUrl = `${context.serverUrl}/${owner}/${repo}/actions/runs/${context.runId}`;
  const text = `${marker}\n${fitComment(body, runUrl)}`;
  const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
  const previous = comments.find((comment) => comment.user && comment.user.type === "Bot" && (comment.body || "").startsWith(marker));
  if (previous) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: previous.id, body: text });
    return "updated";
  }
  await github.rest.issues.createComment({ owner, repo, issue_number, body: text });
  return "created";
}

module.exports = { stickyComment, fitComment, MAX_BODY };
