/** Who the service is, for messages and settings: its name as users know it, and where it lives. */
export const AIPHOTOGENERATOR = { service: 'aiphotogenerator.net', keyVariable: 'AIPHOTOGENERATOR_API_TOKEN' } as const;

export const AIPHOTOGENERATOR_BASE_URL = 'https://www.aiphotogenerator.net/api';

/** Its id in the registry, stored with every task it runs and used as the metrics label. */
export const AIPHOTOGENERATOR_ID = 'aiphotogenerator';
