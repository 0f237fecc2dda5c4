/** How the offline image set builds one role's image (stack/docker/images/build.ts runs it). */
export interface RoleRecipe {
  /** `kafka`, `toxiproxy`, `solution` or a service's name. */
  role: string;
  /** The image it builds FROM: the base, or another role. */
  from: 'base' | 'kafka';
  dockerfile: (fromTag: string) => string;
  /** Generated files in the build context (path -> content; executable when the path ends in .sh). */
  files: Record<string, string>;
  /** Provisioned folders copied into the build context (context path -> folder); their stamps enter the tag. */
  artifacts: Record<string, () => string>;
  /** 'host': its RUN steps reach Debian's mirror through the host's network (the engine has no NAT here). */
  buildNetwork?: 'host';
}
