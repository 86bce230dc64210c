// What cleanup deals in: a leftover, and the listings it is found in.

export interface Leftover {
  /** what it is, for people: "Lambda function" */
  kind: string;
  /** its name or id */
  name: string;
  /** ARN, or a path for SST's state and parameters */
  id: string;
  stage?: string;
  lab?: string;
  /** what it costs or risks while it exists */
  risk: string;
  /** how cleanup found it */
  foundBy: "tag" | "role name" | "sst state" | "sst bootstrap";
  /** shared by every SST app in the account and region: listed, never deleted */
  shared?: boolean;
  /** lower goes first: APIs before functions before tables before roles */
  order: number;
}

export interface TaggedResource {
  arn: string;
  tags: Record<string, string>;
}

export interface RoleListing {
  name: string;
  arn: string;
  tags: Record<string, string>;
}

export interface TagFilter {
  key: string;
  /** empty: any value */
  values: string[];
}

/** SST's bootstrap record, /sst/bootstrap: the names of its shared buckets */
export interface Bootstrap {
  state?: string;
  asset?: string;
}

/** What cleanup needs from AWS: small enough to fake in a test. */
export interface CleanupApi {
  region: string;
  /** Resource Groups Tagging API GetResources, all pages */
  taggedResources(filters: TagFilter[]): Promise<TaggedResource[]>;
  /** IAM roles whose name starts with the prefix, with their tags */
  roles(prefix: string): Promise<RoleListing[]>;
  /** SSM parameter names under a path prefix */
  parameters(prefix: string): Promise<string[]>;
  /** SST's bootstrap record, /sst/bootstrap, when there is one */
  bootstrap(): Promise<Bootstrap | undefined>;
  /** object keys of a bucket (all pages) */
  objectKeys(bucket: string): Promise<string[]>;
  /** delete one leftover; resolves when it is gone (also when it was gone already) */
  remove(leftover: Leftover): Promise<void>;
}
