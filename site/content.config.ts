import { defineCollection } from "astro:content";
import { docsLoader } from "@astrojs/starlight/loaders";
import { docsSchema } from "@astrojs/starlight/schema";
import { glob } from "astro/loaders";
import { z } from "astro/zod";

/** One quiz per chapter, in site/content/quizzes/<lab slug>.yaml. */
export const QuizQuestion = z.object({
  /** stable id: the learner's saved answer is stored under it */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  question: z.string().min(1),
  options: z.array(z.string().min(1)).min(2),
  /** indexes (from 0) of the correct options; more than one makes it "choose all that apply" */
  answer: z.array(z.number().int().nonnegative()).min(1),
  /** shown after answering, right or wrong */
  explanation: z.string().min(1),
});

export const Quiz = z.object({ questions: z.array(QuizQuestion).min(1) }).superRefine((quiz, ctx) => {
  const ids = new Set<string>();
  for (const q of quiz.questions) {
    if (ids.has(q.id)) ctx.addIssue({ code: "custom", message: `question id "${q.id}" appears twice` });
    ids.add(q.id);
    for (const a of q.answer) {
      if (a >= q.options.length)
        ctx.addIssue({ code: "custom", message: `question "${q.id}": answer ${a} has no option` });
    }
  }
});

export const collections = {
  docs: defineCollection({
    loader: docsLoader(),
    schema: docsSchema({
      extend: z.object({
        /** the lab this page is about; its manifest supplies the page title */
        lab: z
          .string()
          .regex(/^\d\d-[a-z0-9-]+$/)
          .optional(),
        /** a chapter page for learners, or the facilitator notes for instructors */
        role: z.enum(["chapter", "instructor"]).default("chapter"),
      }),
    }),
  }),
  quizzes: defineCollection({
    loader: glob({ pattern: "*.yaml", base: "./site/content/quizzes" }),
    schema: Quiz,
  }),
};
