/**
 * SBOMs kept as workflow artifacts, and the earlier run's SBOM read back, with @actions/artifact
 * (actions/toolkit packages/artifact, 6.2.1 = commit 21229dc09e551e6da18e72e4e454ee145709c713):
 * uploads go to the runner's results service (ACTIONS_RESULTS_URL, ACTIONS_RUNTIME_TOKEN);
 * another run's artifact is found and downloaded through the REST API with the github-token
 * (`findBy`: GET /repos/{o}/{r}/actions/runs/{run}/artifacts, then
 * GET /repos/{o}/{r}/actions/artifacts/{id}/zip, which redirects to the blob).
 */
import { DefaultArtifactClient } from '@actions/artifact'
import * as fs from 'node:fs'
import * as path from 'node:path'

/**
 * Characters @actions/artifact refuses in a name (src/internal/upload/path-and-artifact-name-validation.ts,
 * "limitations with certain file systems such as NTFS").
 */
const REFUSED = /[":<>|*?\r\n\\/]/g

/** One artifact per family and region: the next build of the family finds it under the same name. */
export function artifactName(family: string, region: string): string {
  return `sbom-${family}-${region}`.replace(REFUSED, '-')
}

/** A run's owner, repository and id, from the run URL the provenance tags carry. */
export function parseRunUrl(url: string): { owner: string; repo: string; runId: number } | undefined {
  const m = /^https?:\/\/[^/]+\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)(?:\/|$|\?|#)/.exec(url.trim())
  return m ? { owner: m[1], repo: m[2], runId: Number(m[3]) } : undefined
}

export interface ArtifactStore {
  /** Uploads the SBOM file under `name`; returns the artifact id. */
  keep(name: string, file: string): Promise<number>
  /** The SBOM text that run kept under `name`, or why there is none. */
  earlier(runUrl: string, name: string, into: string): Promise<{ text: string } | { none: string }>
}

/** The store the action uses: GitHub's, through @actions/artifact. */
export function githubArtifacts(token: string, client = new DefaultArtifactClient()): ArtifactStore {
  return {
    async keep(name, file) {
      const { id } = await client.uploadArtifact(name, [file], path.dirname(file))
      if (id === undefined) throw new Error(`the upload of artifact ${name} returned no id`)
      return id
    },
    async earlier(runUrl, name, into) {
      const run = parseRunUrl(runUrl)
      if (run === undefined) return { none: `the run URL "${runUrl}" names no workflow run` }
      if (token === '') return { none: 'no github-token to read the earlier run with' }
      const findBy = { token, workflowRunId: run.runId, repositoryOwner: run.owner, repositoryName: run.repo }
      // Listing rather than getArtifact: a family's first inventory finds nothing, which is no
      // warning; getArtifact would annotate the run with one.
      let id: number
      try {
        const { artifacts } = await client.listArtifacts({ findBy })
        const found = artifacts.filter((a) => a.name === name).sort((a, b) => b.id - a.id)[0]
        if (found === undefined) return { none: `run ${run.runId} kept no artifact ${name}` }
        id = found.id
      } catch (err) {
        return { none: `run ${run.runId}'s artifacts could not be listed: ${firstLine(err)}` }
      }
      fs.mkdirSync(into, { recursive: true })
      try {
        await client.downloadArtifact(id, { path: into, findBy })
      } catch (err) {
        return { none: `artifact ${name} of run ${run.runId} could not be downloaded: ${firstLine(err)}` }
      }
      const sbom = fs.readdirSync(into).find((f) => f.endsWith('.cdx.json'))
      if (sbom === undefined) return { none: `artifact ${name} of run ${run.runId} holds no .cdx.json file` }
      return { text: fs.readFileSync(path.join(into, sbom), 'utf8') }
    }
  }
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0]
}
