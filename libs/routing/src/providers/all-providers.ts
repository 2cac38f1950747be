// Every provider the catalog references; one file each, listed here once.
import { ai21 } from './ai21';
import { aiml } from './aiml';
import { amazonNova } from './amazon-nova';
import { anthropic } from './anthropic';
import { anyscale } from './anyscale';
import { apiserpent } from './apiserpent';
import { assemblyai } from './assemblyai';
import { awsPolly } from './aws-polly';
import { azure } from './azure';
import { azureAi } from './azure-ai';
import { baseten } from './baseten';
import { bedrock } from './bedrock';
import { bedrockMantle } from './bedrock-mantle';
import { blackForestLabs } from './black-forest-labs';
import { cerebras } from './cerebras';
import { chatgpt } from './chatgpt';
import { cloudflare } from './cloudflare';
import { codestral } from './codestral';
import { cohere } from './cohere';
import { crusoe } from './crusoe';
import { darkbloom } from './darkbloom';
import { dashscope } from './dashscope';
import { databricks } from './databricks';
import { dataforseo } from './dataforseo';
import { deepgram } from './deepgram';
import { deepinfra } from './deepinfra';
import { deepseek } from './deepseek';
import { duckduckgo } from './duckduckgo';
import { elevenlabs } from './elevenlabs';
import { exaAi } from './exa-ai';
import { falAi } from './fal-ai';
import { featherlessAi } from './featherless-ai';
import { firecrawl } from './firecrawl';
import { fireworksAi } from './fireworks-ai';
import { friendliai } from './friendliai';
import { gemini } from './gemini';
import { gigachat } from './gigachat';
import { githubCopilot } from './github-copilot';
import { gmi } from './gmi';
import { googlePse } from './google-pse';
import { gradientAi } from './gradient-ai';
import { groq } from './groq';
import { heroku } from './heroku';
import { hyperbolic } from './hyperbolic';
import { inception } from './inception';
import { jinaAi } from './jina-ai';
import { lambdaAi } from './lambda-ai';
import { lemonade } from './lemonade';
import { libertai } from './libertai';
import { linkup } from './linkup';
import { llamagate } from './llamagate';
import { meta } from './meta';
import { metaLlama } from './meta-llama';
import { minimax } from './minimax';
import { mistral } from './mistral';
import { moonshot } from './moonshot';
import { morph } from './morph';
import { nebius } from './nebius';
import { nlpCloud } from './nlp-cloud';
import { novita } from './novita';
import { nscale } from './nscale';
import { nvidiaNim } from './nvidia-nim';
import { oci } from './oci';
import { ollama } from './ollama';
import { openai } from './openai';
import { openrouter } from './openrouter';
import { ovhcloud } from './ovhcloud';
import { palm } from './palm';
import { parallelAi } from './parallel-ai';
import { perplexity } from './perplexity';
import { pinstripes } from './pinstripes';
import { publicai } from './publicai';
import { recraft } from './recraft';
import { reducto } from './reducto';
import { replicate } from './replicate';
import { runwayml } from './runwayml';
import { sagemaker } from './sagemaker';
import { sambanova } from './sambanova';
import { sarvam } from './sarvam';
import { scaleway } from './scaleway';
import { searxng } from './searxng';
import { serper } from './serper';
import { snowflake } from './snowflake';
import { soniox } from './soniox';
import { stability } from './stability';
import { tavily } from './tavily';
import { tencent } from './tencent';
import { tensormesh } from './tensormesh';
import { tinyfish } from './tinyfish';
import { togetherAi } from './together-ai';
import { v0 } from './v0';
import { vercelAiGateway } from './vercel-ai-gateway';
import { vertexAi } from './vertex-ai';
import { volcengine } from './volcengine';
import { voyage } from './voyage';
import { wandb } from './wandb';
import { watsonx } from './watsonx';
import { xai } from './xai';
import { youCom } from './you-com';
import { zai } from './zai';

import { type ProviderSpec } from '../types';

export const ALL_PROVIDERS: readonly ProviderSpec[] = [
  ai21,
  aiml,
  amazonNova,
  anthropic,
  anyscale,
  apiserpent,
  assemblyai,
  awsPolly,
  azure,
  azureAi,
  baseten,
  bedrock,
  bedrockMantle,
  blackForestLabs,
  cerebras,
  chatgpt,
  cloudflare,
  codestral,
  cohere,
  crusoe,
  darkbloom,
  dashscope,
  databricks,
  dataforseo,
  deepgram,
  deepinfra,
  deepseek,
  duckduckgo,
  elevenlabs,
  exaAi,
  falAi,
  featherlessAi,
  firecrawl,
  fireworksAi,
  friendliai,
  gemini,
  gigachat,
  githubCopilot,
  gmi,
  googlePse,
  gradientAi,
  groq,
  heroku,
  hyperbolic,
  inception,
  jinaAi,
  lambdaAi,
  lemonade,
  libertai,
  linkup,
  llamagate,
  meta,
  metaLlama,
  minimax,
  mistral,
  moonshot,
  morph,
  nebius,
  nlpCloud,
  novita,
  nscale,
  nvidiaNim,
  oci,
  ollama,
  openai,
  openrouter,
  ovhcloud,
  palm,
  parallelAi,
  perplexity,
  pinstripes,
  publicai,
  recraft,
  reducto,
  replicate,
  runwayml,
  sagemaker,
  sambanova,
  sarvam,
  scaleway,
  searxng,
  serper,
  snowflake,
  soniox,
  stability,
  tavily,
  tencent,
  tensormesh,
  tinyfish,
  togetherAi,
  v0,
  vercelAiGateway,
  vertexAi,
  volcengine,
  voyage,
  wandb,
  watsonx,
  xai,
  youCom,
  zai,
];
