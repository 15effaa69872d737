import { describe, expect, test } from "vitest";
import { createRequire } from "node:module";

interface Comment {
  id: number;
  body: string;
  user: { type: string };
}

const { stickyComment, fitComment, MAX_BODY } = createRequire(import.meta.url)("../../.github/scripts/sticky-comment.cjs") as {
  stickyComment: (args: { github: unknown; context: unknown; marker: string; body: string }) => Promise<"created" | "updated">;
  fitComment: (text: string, url: string) => string;
  MAX_BODY: number;
};

const MARKER = "<!-- llmobs-artifact-diff -->";
const context = { repo: { owner: "acme", repo: "llmobs" }, payload: { pull_request: { number: 7 } }, serverUrl: "https://github.com", runId: 42 };

/** The part of Octokit the script uses, over an in-memory list of comments. */
function fakeGitHub(comments: Comment[]) {
  let nextId = 100;
  const listComments = async () => ({ data: comments });
  return {
    paginate: async (method: unknown, params: { issue_number: number }) => {
      expect(method).toBe(listComments);
      expect(params.issue_number).toBe(7);
      return comments;
    },
    rest: {
      issues: {
        listComments,
        createComment: async ({ body }: { body: string }) => void comments.push({ id: nextId++, body, user: { type: "Bot" } }),
        updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => {
          comments.find((comment) => comment.id === comment_id)!.body = body;
        },
      },
    },
  };
}

describe("the sticky PR comment", () => {
  test("the first run creates one comment; later runs edit it, leaving people's comments alone", async () => {
    const comments: Comment[] = [{ id: 1, body: `${MARKER} quoted by a person`, user: { type: "User" } }];
    const github = fakeGitHub(comments);
    expect(await stickyComment({ github, context, marker: MARKER, body: "first" })).toBe("created");
    expect(await stickyComment({ github, context, marker: MARKER, body: "second" })).toBe("updated");
    expect(await stickyComment({ github, context, marker: MARKER, body: "third" })).toBe("updated");
    expect(comments).toEqual([
      { id: 1, body: `${MARKER} quoted by a person`, user: { type: "User" } },
      { id: 100, body: `${MARKER}\nthird`, user: { type: "Bot" } },
    ]);
  });

  test("a summary too long for a comment is cut at a line, its open code block closed, with a link to the whole", () => {
    const line = "  - something changed\n";
    const long = `${line.repeat(Math.ceil(MAX_BODY / line.length) - 5)}  \`\`\`diff\n${"- a\n+ b\n".repeat(100)}  \`\`\`\n`;
    const fitted = fitComment(long, "https://github.com/acme/llmobs/actions/runs/42");
    expect(fitted.length).toBeLessThan(MAX_BODY + 200);
    expect(fitted).toContain("cut short to fit a comment: the whole summary is in [the job summary](https://github.com/acme/llmobs/actions/runs/42)");
    expect((fitted.match(/^\s*```/gm) ?? []).length % 2).toBe(0);
    expect(fitComment("short", "url")).toBe("short");
  });
});
